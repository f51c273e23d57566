package io.sqlitekit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.Capability;
import io.sqlitekit.spi.DateBucket;
import io.sqlitekit.spi.DateBucket.Unit;
import io.sqlitekit.spi.Measure;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.support.rules.DateBucketLabels;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * UTC date buckets are rendered as plain SQL ({@code strftime} arithmetic), zoned ones through the driver's
 * function; both must give exactly the labels of {@link DateBucketLabels#label}, which the memory kit uses. Random
 * values over years 1900-2100 (negative epoch milliseconds included), in every stored form, for every unit and
 * a set of custom bins, counted per label by SQLite and by Java.
 */
class DateBucketSqlIT {
  private static final TableDef TABLE = TableDef.of("stamps", Column.text("id").primaryKey(), Column.text("txt"),
      Column.integer("ms"), Column.timestampSeconds("secs"));
  private static final long MIN_MS = Instant.parse("1900-01-01T00:00:00Z").toEpochMilli();
  private static final long MAX_MS = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();

  @TempDir
  Path dir;

  private static String text(Random rnd, long ms) {
    Instant t = Instant.ofEpochMilli(ms);
    switch (rnd.nextInt(5)) {
      case 0:
        return t.toString();
      case 1:
        return t.atOffset(ZoneOffset.ofHoursMinutes(rnd.nextInt(27) - 13, 0)).toString();
      case 2:
        return LocalDateTime.ofInstant(t, ZoneOffset.UTC).withNano(0).toString().replace('T', ' ');
      case 3:
        return LocalDateTime.ofInstant(t, ZoneOffset.UTC).toLocalDate().toString();
      default:
        if (rnd.nextInt(4) == 0) {
          return rnd.nextBoolean() ? "not a date" : "2026-02-" + (29 + rnd.nextInt(3)) + " 10:00:00";
        }
        return t.atOffset(ZoneOffset.ofHoursMinutes(5, 30)).toString();
    }
  }

  @Test
  void sqlLabelsEqualJavaLabels_everyUnitAndBin() {
    Random rnd = new Random(20260308L);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      long ms = MIN_MS + (long) (rnd.nextDouble() * (MAX_MS - MIN_MS));
      if (i % 10 == 0) {
        ms = rnd.nextInt(4000) - 2000; // around the epoch: floor, not truncation
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", "r" + i);
      row.put("txt", text(rnd, ms));
      row.put("ms", ms);
      row.put("secs", Instant.ofEpochSecond(Math.floorDiv(ms, 1000L)));
      rows.add(row);
    }
    List<DateBucket> buckets = new ArrayList<>();
    for (Unit u : Unit.values()) {
      buckets.add(DateBucket.of("x", u));
    }
    buckets.add(DateBucket.every("x", 15, Unit.MINUTE));
    buckets.add(DateBucket.every("x", 7, Unit.HOUR));
    buckets.add(DateBucket.every("x", 3, Unit.DAY));
    buckets.add(DateBucket.every("x", 2, Unit.WEEK));
    buckets.add(DateBucket.every("x", 5, Unit.MONTH));
    buckets.add(DateBucket.of("x", Unit.DAY).inZone("America/New_York"));
    buckets.add(DateBucket.of("x", Unit.HOUR).inZone("Australia/Lord_Howe"));
    buckets.add(DateBucket.every("x", 2, Unit.WEEK).inZone("Asia/Kolkata"));
    try (SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("buckets.db")).build()) {
      kit.createTable(TABLE);
      StandardRepo<Map<String, Object>, Object> repo = kit.documents(TABLE);
      assertTrue(repo.capabilities().supports(Capability.DATE_BUCKET_TIMEZONE));
      repo.createMany(rows);
      int compared = 0;
      for (String field : List.of("txt", "ms", "secs")) {
        // The stored form: what the memory kit (and SQLite) hold for each row.
        List<Object> stored = new ArrayList<>();
        for (Map<String, Object> r : rows) {
          stored.add(TABLE.require(field).toSql(r.get(field), null));
        }
        for (DateBucket shape : buckets) {
          DateBucket b = new DateBucket(field, shape.unit(), shape.every(), shape.zone());
          Map<String, Long> expected = new TreeMap<>();
          for (Object v : stored) {
            expected.merge(String.valueOf(DateBucketLabels.label(b, v, field.equals("secs"))), 1L, Long::sum);
          }
          Map<String, Long> actual = new TreeMap<>();
          for (Map<String, Object> r : repo.aggregate(AggregateRequest.of("n", Measure.count()).bucket("b", b))) {
            actual.put(String.valueOf(r.get("b")), ((Number) r.get("n")).longValue());
          }
          assertEquals(expected, actual, b.toString());
          compared++;
        }
      }
      assertEquals(3 * buckets.size(), compared);
    }
  }
}
