package io.sqlitekit.core;

import static io.sqlitekit.spi.filter.Filters.eq;
import static io.sqlitekit.spi.filter.Filters.gt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every column mode round-trips through records, documents and filters, and is stored as documented. */
class CodecIT {
  public enum Role { ADMIN, USER }

  public record Everything(String id, Long i, Double r, byte[] b, Boolean flag, Instant iso, Instant millis,
      Instant secs, Role role, UUID uuid, Object json) {
  }

  static final TableDef T = TableDef.of("everything", Column.text("id").primaryKey(), Column.integer("i"),
      Column.real("r"), Column.blob("b"), Column.bool("flag"), Column.timestamp("iso"),
      Column.timestampMillis("millis"), Column.timestampSeconds("secs"), Column.enumOf("role", Role.class),
      Column.uuid("uuid"), Column.json("json", Object.class));

  @TempDir
  Path dir;

  @Test
  void everyModeRoundTripsAndFilters() {
    try (SqliteKit kit = Fixtures.builder(dir).build()) {
      kit.createTable(T);
      SqliteRepository<Everything, String> repo = kit.repository(T, Everything.class);
      Instant at = Instant.parse("2026-04-01T12:34:56.789Z");
      UUID u = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
      Everything e = new Everything("x", 1L << 40, 2.5, new byte[] {0, 1, (byte) 255}, true, at, at,
          Instant.parse("2026-04-01T12:34:56Z"), Role.ADMIN, u, Map.of("k", List.of(1L, "two", true)));
      Everything stored = repo.create(e);
      assertEquals(e.i(), stored.i());
      assertArrayEquals(e.b(), stored.b());
      assertEquals(e.iso(), stored.iso());
      assertEquals(e.millis(), stored.millis());
      assertEquals(e.secs(), stored.secs());
      assertEquals(e.role(), stored.role());
      assertEquals(e.uuid(), stored.uuid());
      assertEquals(e.json(), stored.json());
      assertEquals(true, stored.flag());
      repo.create(new Everything("y", null, null, null, false, null, null, null, Role.USER, null, null));
      assertEquals("x", repo.getOne(eq("role", Role.ADMIN)).orElseThrow().id());
      assertEquals("x", repo.getOne(eq("role", "ADMIN")).orElseThrow().id());
      assertEquals("x", repo.getOne(eq("uuid", u)).orElseThrow().id());
      assertEquals("x", repo.getOne(gt("millis", Instant.EPOCH)).orElseThrow().id());
      assertEquals("x", repo.getOne(eq("secs", Instant.parse("2026-04-01T12:34:56Z"))).orElseThrow().id());
      assertEquals("y", repo.getOne(eq("flag", false)).orElseThrow().id());
      assertThrows(ValidationException.class, () -> repo.findAll(eq("role", "GUEST")));
      assertThrows(ValidationException.class, () -> repo.findAll(eq("uuid", "not-a-uuid")));
      Map<String, Object> doc = kit.documents(T).getById("x").orElseThrow();
      assertEquals(Role.ADMIN, doc.get("role"));
      List<String> types = kit.driver().read(s -> s.query("SELECT typeof(i), typeof(r), typeof(b), typeof(flag), "
          + "flag, iso, typeof(millis), millis, secs, role, uuid, json FROM everything WHERE id = 'x'", List.of(),
          rs -> {
            List<String> out = new ArrayList<>();
            rs.next();
            for (int c = 0; c < 12; c++) {
              out.add(String.valueOf(rs.getObject(c)));
            }
            return out;
          }));
      assertEquals(List.of("integer", "real", "blob", "integer", "1", "2026-04-01T12:34:56.789Z", "integer",
          String.valueOf(at.toEpochMilli()), String.valueOf(at.getEpochSecond()), "ADMIN", u.toString(),
          "{\"k\":[1,\"two\",true]}"), types);
    }
  }

  @Test
  void sqlNamesDifferentFromPropertyKeysWorkEverywhere() {
    TableDef t = TableDef.of("people", Column.text("id").primaryKey().sqlName("person_id"),
        Column.text("fullName").sqlName("full_name"), Column.integer("age").sqlName("age_years"),
        Column.integer("rev").sqlName("row_version").notNull().defaultValue(0)).withVersionField("rev");
    try (SqliteKit kit = Fixtures.builder(dir).build()) {
      kit.createTable(t);
      SqliteRepository<Map<String, Object>, Object> r = kit.documents(t);
      r.create(Map.of("id", "a", "fullName", "Ann", "age", 30L));
      r.create(Map.of("id", "b", "fullName", "Bob", "age", 20L));
      assertEquals("Ann", r.getById("a").orElseThrow().get("fullName"));
      assertEquals(List.of("b", "a"), r.findAll(gt("age", 0L), io.sqlitekit.spi.FindOptions.defaults()
          .withSort(io.sqlitekit.spi.Sort.parse("age"))).stream().map(m -> m.get("id")).collect(
              java.util.stream.Collectors.toList()));
      assertEquals(1L, r.update("a", io.sqlitekit.spi.update.Update.inc("age", 1), io.sqlitekit.spi.WriteOptions
          .ifVersion(0)).orElseThrow().get("rev"));
      assertEquals("Anne", r.upsert(Map.of("id", "a", "fullName", "Anne")).get("fullName"));
      assertEquals(List.of(20L, 31L), r.distinct("age", io.sqlitekit.spi.filter.Filters.all()));
      assertEquals(2L, r.aggregate(io.sqlitekit.spi.AggregateRequest.of("n", io.sqlitekit.spi.Measure.count())
          .groupBy("fullName").having(gt("n", 0))).size());
      assertEquals(1, r.getAll(io.sqlitekit.spi.KeysetRequest.first(io.sqlitekit.spi.Sort.parse("-age"), 1))
          .items().size());
      List<String> cols = kit.driver().read(s -> s.query("SELECT name FROM pragma_table_info('people')", List.of(),
          rs -> {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
              out.add(rs.getString(0));
            }
            return out;
          }));
      assertEquals(List.of("person_id", "full_name", "age_years", "row_version"), cols);
    }
  }
}
