package io.sqlitekit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.driver.StatementEvent;
import io.sqlitekit.spi.error.RepositoryException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Typed reads: numeric columns of a STRICT table are read with typed getters, with NULL and zero kept apart;
 * a table without the guarantee keeps the probing reads, so values raw SQL stored in another storage class read
 * as before.
 */
class TypedReadsIT {
  static final TableDef NUMS = TableDef.of("nums",
      Column.integer("id").primaryKey(),
      Column.integer("n"),
      Column.real("r"),
      Column.bool("flag"),
      Column.timestampMillis("at"),
      Column.text("label"));

  /** One row of {@link #NUMS}. */
  public record Num(Long id, Long n, Double r, Boolean flag, Instant at, String label) {
  }

  @TempDir
  Path dir;

  private static List<String> queries(List<StatementEvent> events) {
    return events.stream().filter(e -> e.kind() == StatementEvent.Kind.QUERY).map(StatementEvent::sql)
        .collect(Collectors.toList());
  }

  @Test
  void strictTable_typedGetters_keepNullApartFromZero_andAskTheSchemaAtCreation() {
    List<StatementEvent> events = new CopyOnWriteArrayList<>();
    try (SqliteKit kit = Fixtures.builder(dir).statementListener(events::add).build()) {
      kit.execute("CREATE TABLE nums(id INTEGER PRIMARY KEY, n INTEGER, r REAL, flag INTEGER, at INTEGER,"
          + " label TEXT) STRICT");
      SqliteRepository<Num, Long> nums = kit.repository(NUMS, Num.class);
      Instant at = Instant.ofEpochMilli(1_700_000_000_123L);
      nums.create(new Num(1L, 0L, 0.0, false, Instant.EPOCH, "zeros"));
      nums.create(new Num(2L, null, null, null, null, null));
      nums.create(new Num(3L, Long.MIN_VALUE, -2.5, true, at, "values"));
      events.clear();
      assertEquals(new Num(1L, 0L, 0.0, false, Instant.EPOCH, "zeros"), nums.getById(1L).orElseThrow());
      assertEquals(new Num(2L, null, null, null, null, null), nums.getById(2L).orElseThrow());
      assertEquals(new Num(3L, Long.MIN_VALUE, -2.5, true, at, "values"), nums.getById(3L).orElseThrow());
      assertEquals(3, nums.findAll(Filters.all()).size());
      assertEquals(4, queries(events).size(), "reads run only their own statement: " + queries(events));
      events.clear();
      // The schema is asked once, when a repository is created, outside any call.
      SqliteRepository<Num, Long> again = kit.repository(NUMS, Num.class);
      List<String> seen = queries(events);
      assertEquals(2, seen.size(), seen.toString());
      assertTrue(seen.get(0).contains("pragma_table_list") && seen.get(1).contains("pragma_table_xinfo"),
          seen.toString());
      assertEquals(new Num(3L, Long.MIN_VALUE, -2.5, true, at, "values"), again.getById(3L).orElseThrow());
    }
  }

  @Test
  void tableWithoutStrict_rawValuesOfAnotherStorageClass_readAsTheProbingReadsDo() {
    try (SqliteKit kit = Fixtures.builder(dir).build()) {
      kit.execute("CREATE TABLE nums(id INTEGER PRIMARY KEY, n INTEGER, r REAL, flag INTEGER, at INTEGER,"
          + " label TEXT)");
      // Raw SQL: a REAL that INTEGER affinity cannot turn into an integer stays a REAL; an integer in a REAL
      // column becomes 7.0.
      kit.execute("INSERT INTO nums(id, n, r, flag, at, label) VALUES (1, 2.5, 7, 0, 0, 'raw')");
      SqliteRepository<Num, Long> nums = kit.repository(NUMS, Num.class);
      Num row = nums.getById(1L).orElseThrow();
      assertEquals(2L, row.n(), "the stored REAL 2.5 reads through the column codec as before");
      assertEquals(7.0, row.r());
      assertEquals(Boolean.FALSE, row.flag());
      assertEquals(Instant.EPOCH, row.at());
      assertNull(nums.getById(2L).orElse(null));
    }
  }

  @Test
  void strictTable_whoseRealColumnTypeDiffersFromTheDeclaration_probes() {
    try (SqliteKit kit = Fixtures.builder(dir).build()) {
      // STRICT, but n is ANY: it may hold any storage class, so it must not be read with getLong.
      kit.execute("CREATE TABLE nums(id INTEGER PRIMARY KEY, n ANY, r REAL, flag INTEGER, at INTEGER,"
          + " label TEXT) STRICT");
      kit.execute("INSERT INTO nums(id, n, r, flag, at, label) VALUES (1, 2.5, 1.5, 1, 5, 'any')");
      SqliteRepository<Num, Long> nums = kit.repository(NUMS, Num.class);
      Num row = nums.getById(1L).orElseThrow();
      assertEquals(2L, row.n());
      assertEquals(1.5, row.r());
      assertEquals(Boolean.TRUE, row.flag());
      assertEquals(Instant.ofEpochMilli(5), row.at());
    }
  }

  @Test
  void strictTablesOption_createsStrictTables_thatRefuseAnotherStorageClass_andReadTyped() {
    try (SqliteKit kit = Fixtures.builder(dir).strictTables(true).build()) {
      kit.createTable(NUMS);
      kit.createTableIfNotExists(NUMS.withName("nums2"));
      assertEquals(List.of(1L, 1L), List.of(strict(kit, "nums"), strict(kit, "nums2")));
      // Raw SQL can no longer put a REAL into an INTEGER column.
      assertThrows(RepositoryException.class,
          () -> kit.execute("INSERT INTO nums(id, n) VALUES (1, 2.5)"));
      SqliteRepository<Num, Long> nums = kit.repository(NUMS, Num.class);
      Instant at = Instant.ofEpochMilli(1_700_000_000_123L);
      nums.createMany(List.of(new Num(1L, 0L, 0.0, false, Instant.EPOCH, "zeros"),
          new Num(2L, null, null, null, null, null), new Num(3L, -4L, -2.5, true, at, "values")));
      assertEquals(List.of(new Num(1L, 0L, 0.0, false, Instant.EPOCH, "zeros"),
          new Num(2L, null, null, null, null, null), new Num(3L, -4L, -2.5, true, at, "values")),
          nums.findAll(Filters.all()));
    }
    try (SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("loose.db")).build()) {
      kit.createTable(NUMS);
      assertEquals(0L, strict(kit, "nums"), "not STRICT unless asked");
    }
  }

  private static long strict(SqliteKit kit, String table) {
    return kit.driver().readBrief(s -> s.query("SELECT \"strict\" FROM pragma_table_list WHERE \"name\" = ?",
        List.of(table), rs -> rs.next() ? rs.getLong(0) : -1L));
  }
}
