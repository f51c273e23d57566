package io.sqlitekit.core.internal.render;

import static io.sqlitekit.spi.filter.Filters.all;
import static io.sqlitekit.spi.filter.Filters.and;
import static io.sqlitekit.spi.filter.Filters.eq;
import static io.sqlitekit.spi.filter.Filters.gt;
import static io.sqlitekit.spi.filter.Filters.in;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.support.json.MiniJson;
import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.Measure;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.UpsertOptions;
import io.sqlitekit.spi.compile.FilterCompiler;
import io.sqlitekit.spi.compile.SqlFragment;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SQL text and parameters of every statement kind, without a database. */
class StatementRendererTest {
  static final TableDef USERS = TableDef.of("users", Column.text("id").primaryKey(),
      Column.text("email").notNull().unique(), Column.text("name").sqlName("full_name"), Column.integer("age"),
      Column.bool("active").notNull().defaultValue(true), Column.timestamp("at"),
      Column.integer("version").notNull().defaultValue(1)).withVersionField("version");
  static final String ALL_COLS = "\"id\", \"email\", \"full_name\", \"age\", \"active\", \"at\", \"version\"";

  final FilterRenderer filters = new FilterRenderer(MiniJson.INSTANCE);
  final StatementRenderer r = new StatementRenderer(TableModel.of(USERS), filters, null, MiniJson.INSTANCE);

  static void pin(Rendered got, String sql, Object... params) {
    assertEquals(sql, got.sql());
    assertEquals(Arrays.asList(params), got.params());
  }

  static Map<String, Object> row(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  // ---------------------------------------------------------------- conditions and reads

  @Test
  void where_matchAll_isOne_noClause() {
    Rendered w = r.where(all());
    assertSame(Rendered.ALL, w);
    assertEquals("", w.whereClause());
    assertEquals("SELECT count(*) FROM \"users\"", r.count(w));
  }

  @Test
  void where_sameShape_cachedSql_freshParams() {
    Rendered a = r.where(and(gt("age", 30), eq("active", true)));
    Rendered b = r.where(and(gt("age", 40), eq("active", false)));
    pin(a, "(\"age\" > ? AND \"active\" = ?)", 30L, 1L);
    pin(b, "(\"age\" > ? AND \"active\" = ?)", 40L, 0L);
    assertSame(a.sql(), b.sql(), "the second filter of the shape reuses the cached SQL");
    assertEquals(2, r.where(in("age", List.of(1, 2))).params().size());
    assertEquals("\"age\" IN (?, ?, ?)", r.where(in("age", List.of(1, 2, 3))).sql(), "list length is shape");
  }

  @Test
  void where_forOtherTable_rendersWithoutCache() {
    TableDef other = TableDef.of("orders", Column.integer("n").primaryKey(), Column.real("total"));
    StatementRenderer o = r.forTable(TableModel.of(other));
    Rendered a = o.where(gt("total", 1.5));
    Rendered b = o.where(gt("total", 2.5));
    pin(a, "\"total\" > ?", 1.5);
    assertEquals(a.sql(), b.sql());
    assertTrue(a.sql() != b.sql(), "no shape cache for a batch's other tables");
    assertThrows(ValidationException.class, () -> o.where(eq("age", 1)), "fields resolve against that table");
  }

  @Test
  void byId_keyFirst_thenScope() {
    pin(r.byId("u1", all()), "\"id\" = ?", "u1");
    pin(r.byId("u1", eq("active", true)), "\"id\" = ? AND \"active\" = ?", "u1", 1L);
    assertEquals("u1", r.encodeId("u1"));
    assertThrows(ValidationException.class, () -> r.encodeId(5L), "a key of the wrong type");
  }

  @Test
  void select_orderLimitOffset_quotedSqlNames() {
    Rendered w = r.where(gt("age", 30));
    assertEquals("SELECT " + ALL_COLS + " FROM \"users\" WHERE \"age\" > ? ORDER BY \"full_name\" DESC, \"id\" ASC "
        + "LIMIT 20 OFFSET 200", r.select(TableModel.of(USERS).selectList(), w, Sort.parse("-name,id"), 20, 200));
    assertEquals("SELECT \"id\" FROM \"users\" LIMIT -1 OFFSET 5", r.select("\"id\"", Rendered.ALL, Sort.parse(""),
        0, 5));
    assertEquals("SELECT \"id\", \"full_name\" FROM \"users\" LIMIT 1", r.select(
        r.selectList(List.of(USERS.require("id"), USERS.require("name"))), Rendered.ALL, Sort.parse(""), 1, 0));
    assertEquals("SELECT \"id\" FROM \"users\" WHERE \"id\" = ?", r.selectById("\"id\""));
    assertThrows(ValidationException.class, () -> r.select("\"id\"", w, Sort.parse("nope"), 0, 0));
  }

  @Test
  void countExistsDistinctSelectAllByKeys() {
    Rendered w = r.where(eq("email", "a@x"));
    assertEquals("SELECT count(*) FROM \"users\" WHERE \"email\" = ?", r.count(w));
    assertEquals("SELECT 1 FROM \"users\" WHERE \"email\" = ? LIMIT 1", r.exists(w));
    assertEquals("SELECT DISTINCT \"full_name\" FROM \"users\" WHERE \"email\" = ? ORDER BY \"full_name\" ASC",
        r.distinct(USERS.require("name"), w));
    assertEquals("SELECT " + ALL_COLS + " FROM \"users\" WHERE \"email\" = ?", r.selectAll(w));
    assertEquals("SELECT " + ALL_COLS + " FROM \"users\" WHERE \"id\" IN (?, ?, ?)", r.selectByKeys(3));
  }

  // ---------------------------------------------------------------- writes

  @Test
  void update_setUnsetInc_versionBumped_paramsInOrder() {
    Update u = Update.set("email", "b@x").and(Update.unset("name")).and(Update.inc("age", 2));
    pin(r.update(u, r.where(eq("active", true))), "UPDATE \"users\" SET \"email\" = ?, \"full_name\" = NULL, "
        + "\"age\" = coalesce(\"age\", 0) + ?, \"version\" = coalesce(\"version\", 0) + 1 WHERE \"active\" = ?",
        "b@x", 2L, 1L);
    pin(r.update(Update.set("version", 7), Rendered.ALL), "UPDATE \"users\" SET \"version\" = ?", 7L);
  }

  @Test
  void updateReturning_withAndWithoutExpectedVersion() {
    Rendered byId = r.byId("u1", eq("active", true));
    pin(r.updateReturning(Update.set("age", 3), byId, null), "UPDATE \"users\" SET \"age\" = ?, \"version\" = "
        + "coalesce(\"version\", 0) + 1 WHERE \"id\" = ? AND \"active\" = ? RETURNING " + ALL_COLS, 3L, "u1", 1L);
    pin(r.updateReturning(Update.set("age", 3), byId, 4L), "UPDATE \"users\" SET \"age\" = ?, \"version\" = "
        + "coalesce(\"version\", 0) + 1 WHERE \"id\" = ? AND \"active\" = ? AND \"version\" = ? RETURNING "
        + ALL_COLS, 3L, "u1", 1L, 4L);
  }

  @Test
  void delete_withAndWithoutCondition() {
    pin(r.delete(r.byId("u1", all())), "DELETE FROM \"users\" WHERE \"id\" = ?", "u1");
    pin(r.delete(Rendered.ALL), "DELETE FROM \"users\"");
  }

  @Test
  void insert_returning_encodesValues_defaultValuesWhenEmpty() {
    Instant at = Instant.parse("2026-01-02T03:04:05.006Z");
    pin(r.insertReturning(row("id", "u1", "email", "a@x", "active", false, "at", at)),
        "INSERT INTO \"users\" (\"id\", \"email\", \"active\", \"at\") VALUES (?, ?, ?, ?) RETURNING " + ALL_COLS,
        "u1", "a@x", 0L, "2026-01-02T03:04:05.006Z");
    TableDef loose = TableDef.of("loose", Column.integer("id").primaryKey(), Column.text("x"));
    StatementRenderer lr = r.forTable(TableModel.of(loose));
    pin(lr.insertReturning(row()), "INSERT INTO \"loose\" DEFAULT VALUES RETURNING \"id\", \"x\"");
    assertEquals("INSERT INTO \"users\" (\"id\", \"full_name\") VALUES (?, ?)", r.insert(List.of("id", "name")));
  }

  @Test
  void upsert_onKey_updatesNonKeyFieldsFromExcluded_bumpsVersion() {
    pin(r.upsert(row("id", "u1", "email", "a@x"), UpsertOptions.onPrimaryKey(), Update.empty(), all()),
        "INSERT INTO \"users\" (\"id\", \"email\") VALUES (?, ?) ON CONFLICT (\"id\") DO UPDATE SET \"email\" = "
            + "excluded.\"email\", \"version\" = coalesce(\"version\", 0) + 1 RETURNING " + ALL_COLS, "u1", "a@x");
  }

  @Test
  void upsert_conflictFields_partialIndexWhereInlined_scopeGuardsUpdate() {
    UpsertOptions o = UpsertOptions.onConflict("email").where(eq("active", true));
    pin(r.upsert(row("id", "u1", "email", "a@x", "age", 5), o, Update.empty(), eq("age", 9)),
        "INSERT INTO \"users\" (\"id\", \"email\", \"age\") VALUES (?, ?, ?) ON CONFLICT (\"email\") WHERE "
            + "\"active\" = 1 DO UPDATE SET \"age\" = excluded.\"age\", \"version\" = coalesce(\"version\", 0) + 1 "
            + "WHERE \"age\" = ? RETURNING " + ALL_COLS, "u1", "a@x", 5L, 9L);
  }

  @Test
  void upsert_statedConflictUpdate_orNothingToUpdate() {
    pin(r.upsert(row("id", "u1", "email", "a@x"), UpsertOptions.onPrimaryKey(), Update.set("age", 1), all()),
        "INSERT INTO \"users\" (\"id\", \"email\") VALUES (?, ?) ON CONFLICT (\"id\") DO UPDATE SET \"age\" = ?, "
            + "\"version\" = coalesce(\"version\", 0) + 1 RETURNING " + ALL_COLS, "u1", "a@x", 1L);
    pin(r.upsert(row("id", "u1", "email", "a@x"), UpsertOptions.onConflict("email"), Update.empty(), eq("age", 1)),
        "INSERT INTO \"users\" (\"id\", \"email\") VALUES (?, ?) ON CONFLICT (\"email\") DO NOTHING RETURNING "
            + ALL_COLS, "u1", "a@x");
    assertThrows(ValidationException.class, () -> r.upsert(row("id", "u1"), UpsertOptions.onPrimaryKey(),
        Update.empty(), all()), "the row is checked like an insert");
    pin(r.conflicting(row("id", "u1", "email", "a@x"), UpsertOptions.onConflict("email"), eq("age", 1)),
        "(\"email\" = ? AND \"age\" = ?)", "a@x", 1L);
    assertThrows(ValidationException.class, () -> r.conflicting(row("id", "u1"), UpsertOptions.onConflict("email"),
        all()), "the row lacks the conflict field");
  }

  @Test
  void aggregate_groupsMeasuresHaving_defaultOrderByGroups() {
    AggregateRequest req = AggregateRequest.of("n", Measure.count()).measure("oldest", Measure.max("at"))
        .measure("mean", Measure.avg("age")).groupBy("name").having(gt("n", 1)).where(eq("active", true))
        .page(10, 5);
    StatementRenderer.Aggregate a = r.aggregate(req, req.filter());
    assertEquals("SELECT \"full_name\", count(*), max(\"at\"), avg(\"age\") FROM \"users\" WHERE \"active\" = ? "
        + "GROUP BY \"full_name\" HAVING count(*) > ? ORDER BY \"full_name\" ASC LIMIT 10 OFFSET 5", a.sql());
    assertEquals(List.of(1L, 1L), a.params());
    assertEquals(List.of("name", "n", "oldest", "mean"), a.keys());
    assertEquals(USERS.require("name"), a.kinds().get(0));
    assertEquals(USERS.require("at"), a.kinds().get(2), "max decodes through the column's codec");
    assertEquals(Measure.Op.AVG, a.kinds().get(3));
  }

  @Test
  void aggregate_havingOnUnknownAlias_validationError() {
    AggregateRequest req = AggregateRequest.of("n", Measure.count()).having(gt("nope", 1));
    assertThrows(ValidationException.class, () -> r.aggregate(req, all()));
  }

  // ---------------------------------------------------------------- custom compiler

  @Test
  void customCompiler_decidesWhere_matchAllStaysOne() {
    List<String> seen = new ArrayList<>();
    FilterCompiler custom = (f, t) -> {
      seen.add(t.name() + ":" + f);
      return new SqlFragment("\"email\" = ?", List.of("fixed"));
    };
    StatementRenderer c = new StatementRenderer(TableModel.of(USERS), filters, custom, MiniJson.INSTANCE);
    pin(c.where(eq("age", 1)), "\"email\" = ?", "fixed");
    pin(c.byId("u1", eq("age", 1)), "\"id\" = ? AND \"email\" = ?", "u1", "fixed");
    assertSame(Rendered.ALL, c.where(all()), "match-all never reaches the compiler");
    assertEquals(2, seen.size());
    assertTrue(seen.get(0).startsWith("users:"), seen.get(0));
  }

  @Test
  void customCompiler_rendersHavingOverTheAggregatesOutput_asSubquery() {
    List<TableDef> tables = new ArrayList<>();
    FilterCompiler custom = (f, t) -> {
      tables.add(t);
      return filters.compile(f, t);
    };
    StatementRenderer c = new StatementRenderer(TableModel.of(USERS), filters, custom, MiniJson.INSTANCE);
    // "age" is also a table column: as a measure alias it must mean the count, never the column.
    AggregateRequest req = AggregateRequest.of("age", Measure.count()).measure("oldest", Measure.max("at"))
        .groupBy("name").having(gt("age", 1)).where(eq("active", true)).orderBy(Sort.parse("-age")).page(10, 5);
    StatementRenderer.Aggregate a = c.aggregate(req, req.filter());
    assertEquals("SELECT * FROM (SELECT \"full_name\" AS \"full_name\", count(*) AS \"age\", max(\"at\") AS "
        + "\"oldest\" FROM \"users\" WHERE \"active\" = ? GROUP BY \"full_name\") WHERE \"age\" > ? "
        + "ORDER BY \"age\" DESC LIMIT 10 OFFSET 5", a.sql());
    assertEquals(List.of(1L, 1L), a.params());
    assertEquals(List.of("name", "age", "oldest"), a.keys(), "output order and decoding unchanged");
    assertEquals(2, tables.size(), "the compiler rendered WHERE and HAVING");
    TableDef out = tables.get(1);
    assertEquals(List.of("name", "age", "oldest"), out.columns().stream().map(Column::name).collect(
        java.util.stream.Collectors.toList()));
    assertEquals("full_name", out.require("name").sqlName());
    assertEquals(io.sqlitekit.spi.table.ColumnMode.TIMESTAMP_ISO, out.require("oldest").mode(),
        "a MIN/MAX measure compares through its column's codec");
    StatementRenderer.Aggregate noHaving = c.aggregate(AggregateRequest.of("n", Measure.count()).groupBy("name"),
        all());
    assertEquals("SELECT \"full_name\", count(*) FROM \"users\" GROUP BY \"full_name\" ORDER BY \"full_name\" ASC",
        noHaving.sql(), "without HAVING the plain form stays");
  }

  // ---------------------------------------------------------------- write checks

  @Test
  void writeChecks_refuseBadUpdatesAndInserts() {
    TableModel m = TableModel.of(USERS);
    assertThrows(ValidationException.class, () -> WriteChecks.checkUpdate(m, Update.empty(), MiniJson.INSTANCE));
    ValidationException pk = assertThrows(ValidationException.class,
        () -> WriteChecks.checkUpdate(m, Update.set("id", "x"), MiniJson.INSTANCE));
    assertTrue(pk.getMessage().contains("primary key"), pk.getMessage());
    assertThrows(ValidationException.class, () -> WriteChecks.checkUpdate(m, Update.unset("email"), MiniJson.INSTANCE));
    ValidationException inc = assertThrows(ValidationException.class,
        () -> WriteChecks.checkUpdate(m, Update.inc("email", 1), MiniJson.INSTANCE));
    assertTrue(inc.getMessage().contains("not numeric"), inc.getMessage());
    ValidationException missing = assertThrows(ValidationException.class,
        () -> WriteChecks.checkInsert(m, row("id", "u1"), Map.of(), MiniJson.INSTANCE));
    assertTrue(missing.getMessage().contains("\"email\""), missing.getMessage());
    assertThrows(ValidationException.class, () -> r.insertReturning(row("id", "u1", "email", null)));
    assertThrows(ValidationException.class, () -> r.insertReturning(row("id", "u1", "email", "a@x", "nope", 1)));
  }

  @Test
  void writeChecks_placesEncodedValuesBySlot_nullWhenFieldsDiffer() {
    TableModel m = TableModel.of(USERS);
    Map<String, Integer> slots = Map.of("id", 0, "email", 1, "active", 2);
    assertEquals(Arrays.asList("u1", "a@x", 1L), Arrays.asList(WriteChecks.checkInsert(m,
        row("active", true, "email", "a@x", "id", "u1"), slots, MiniJson.INSTANCE)), "any key order");
    assertEquals(null, WriteChecks.checkInsert(m, row("id", "u1", "email", "a@x", "age", 3), slots,
        MiniJson.INSTANCE));
  }
}
