package io.sqlitekit.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.FindOneAndUpdateOptions;
import io.sqlitekit.spi.FindOptions;
import io.sqlitekit.spi.KeysetPage;
import io.sqlitekit.spi.KeysetRequest;
import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.Projection;
import io.sqlitekit.spi.ReturnDocument;
import io.sqlitekit.spi.Measure;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.SortField;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.filter.Like;
import io.sqlitekit.spi.filter.Regex;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the same random filters, sorts, aggregates and bulk updates on the in-memory kit and on the SQLite kit
 * (a real SQLite file) and demands identical results and identical error types.
 */
final class DifferentialIT {
  enum Color { RED, GREEN, BLUE }

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-04-01T00:00:00Z"), ZoneOffset.UTC);
  private static final TableDef T = TableDef.of("diff",
      Column.integer("id").primaryKey(),
      Column.integer("i"),
      Column.real("r"),
      Column.text("t"),
      Column.bool("b"),
      Column.enumOf("c", Color.class),
      Column.timestamp("ts"),
      Column.integer("version").notNull().defaultValue(1)).withVersionField("version");
  private static final String[] TEXTS = {"a", "A", "ab", "b", "50% off", "500 off", "file_name", "fileXname",
      "back\\slash", "Élan", "élan", "\uD83D\uDE00", "", "z"};
  private static final String[] PATTERNS = {"a%", "A%", "%b", "_", "50\\% off", "50% off", "file\\_name",
      "file_name", "%\\\\%", "élan", "%", "", "%a%"};

  @TempDir
  Path dir;

  private final Random rnd = new Random(Long.getLong("sqlitekit.diff.seed", 20261125L));

  private Object value(String field) {
    if (rnd.nextInt(6) == 0) {
      return null;
    }
    switch (field) {
      case "i":
        return (long) rnd.nextInt(8) - 2;
      case "r":
        return rnd.nextInt(3) == 0 ? (Object) (double) rnd.nextInt(5) : (Object) (rnd.nextInt(40) / 4.0);
      case "t":
        return TEXTS[rnd.nextInt(TEXTS.length)];
      case "b":
        return rnd.nextBoolean();
      case "c":
        return Color.values()[rnd.nextInt(3)];
      case "ts":
        return Instant.parse("2026-04-01T00:00:00Z").plusSeconds(rnd.nextInt(5) * 3600L);
      default:
        return (long) rnd.nextInt(50);
    }
  }

  private static final String[] FIELDS = {"id", "i", "r", "t", "b", "c", "ts"};

  private String field() {
    return FIELDS[rnd.nextInt(FIELDS.length)];
  }

  private List<Object> values(String f, int n) {
    List<Object> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      // May be null: a null inside an in/nin list never matches a NULL field on either kit.
      out.add(value(f));
    }
    return out;
  }

  private Filter leaf() {
    String f = field();
    switch (rnd.nextInt(13)) {
      case 0:
        return Filters.eq(f, value(f));
      case 1:
        return Filters.ne(f, value(f));
      case 2:
        return Filters.gt(f, value(f));
      case 3:
        return Filters.gte(f, value(f));
      case 4:
        return Filters.lt(f, value(f));
      case 5:
        return Filters.lte(f, value(f));
      case 6:
        return Filters.in(f, values(f, rnd.nextInt(4)));
      case 7:
        return Filters.nin(f, values(f, rnd.nextInt(4)));
      case 8:
        return new Like(rnd.nextBoolean() ? "t" : "i", PATTERNS[rnd.nextInt(PATTERNS.length)], false);
      case 9:
        return new Like("t", PATTERNS[rnd.nextInt(PATTERNS.length)], true);
      case 10:
        return new Regex("t", rnd.nextBoolean() ? "^[a-z]+$" : "b", rnd.nextBoolean() ? "i" : "");
      case 11:
        return Filters.exists(f, rnd.nextBoolean());
      default:
        return rnd.nextBoolean() ? Filters.all() : Filters.none();
    }
  }

  private Filter filter(int depth) {
    if (depth == 0 || rnd.nextInt(3) == 0) {
      return leaf();
    }
    int n = 1 + rnd.nextInt(3);
    List<Filter> children = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      children.add(filter(depth - 1));
    }
    switch (rnd.nextInt(3)) {
      case 0:
        return new io.sqlitekit.spi.filter.And(children);
      case 1:
        return new io.sqlitekit.spi.filter.Or(children);
      default:
        return new io.sqlitekit.spi.filter.Not(children.get(0));
    }
  }

  private Sort sort() {
    List<SortField> fields = new ArrayList<>();
    for (String f : new String[] {"i", "t", "r", "c", "b", "ts"}) {
      if (rnd.nextInt(3) == 0) {
        fields.add(new SortField(f, rnd.nextBoolean()));
      }
    }
    return new Sort(fields).thenBy(SortField.asc("id"));
  }

  private Update update() {
    Update u = Update.empty();
    String[] settable = {"i", "r", "t", "b", "c", "ts"};
    for (String f : settable) {
      switch (rnd.nextInt(6)) {
        case 0:
          u = u.withSet(f, value(f));
          break;
        case 1:
          if (f.equals("i") || f.equals("r")) {
            u = u.and(Update.inc(f, f.equals("i") ? (Number) (long) (rnd.nextInt(5) - 2) : (Number) 0.5));
          }
          break;
        case 2:
          u = u.and(Update.unset(f));
          break;
        default:
          break;
      }
    }
    return u.isEmpty() ? Update.set("i", 1L) : u;
  }

  private static List<Map<String, Object>> walk(StandardRepo<Map<String, Object>, Object> r, KeysetRequest first) {
    List<Map<String, Object>> all = new ArrayList<>();
    KeysetRequest req = first;
    while (true) {
      KeysetPage<Map<String, Object>> page = r.getAll(req);
      all.addAll(page.items());
      if (!page.hasMore()) {
        return all;
      }
      req = req.after(page.nextCursor());
    }
  }

  private static <R> String outcome(java.util.function.Supplier<R> call) {
    try {
      return String.valueOf(call.get());
    } catch (RuntimeException e) {
      return "error " + e.getClass().getSimpleName();
    }
  }

  private void same(String what, Function<StandardRepo<Map<String, Object>, Object>, Object> call,
      StandardRepo<Map<String, Object>, Object> mem, StandardRepo<Map<String, Object>, Object> sql) {
    String expected = outcome(() -> call.apply(sql));
    assertEquals(expected, outcome(() -> call.apply(mem)), what);
    compared++;
    if (expected.startsWith("error ")) {
      errors++;
    } else if (!expected.equals("[]") && !expected.equals("0")) {
      nonEmpty++;
    }
  }

  private int compared;
  private int errors;
  private int nonEmpty;

  @Test
  void randomQueriesAndUpdates_agree() {
    try (SqliteKit sqliteKit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("diff.db")).clock(CLOCK).build()) {
      sqliteKit.createTable(T);
      StandardRepo<Map<String, Object>, Object> sql = sqliteKit.documents(T);
      StandardRepo<Map<String, Object>, Object> mem = MemoryKit.builder().clock(CLOCK).build().documents(T);
      List<Map<String, Object>> rows = new ArrayList<>();
      for (int k = 0; k < 80; k++) {
        Map<String, Object> m = new HashMap<>();
        for (String f : new String[] {"i", "r", "t", "b", "c", "ts"}) {
          m.put(f, value(f));
        }
        rows.add(m);
      }
      assertEquals(sql.createMany(rows).toString(), mem.createMany(rows).toString());
      for (int round = 0; round < 400; round++) {
        Filter f = filter(3);
        Sort s = sort();
        String what = "round " + round + " filter " + f + " sort " + s;
        same(what + " findAll", r -> r.findAll(f, FindOptions.defaults().withSort(s)), mem, sql);
        same(what + " count", r -> r.count(f), mem, sql);
        if (round % 4 == 0) {
          String d = new String[] {"i", "t", "r", "c"}[rnd.nextInt(4)];
          same(what + " distinct " + d, r -> r.distinct(d, f), mem, sql);
          AggregateRequest agg = AggregateRequest.of("n", Measure.count()).measure("s", Measure.sum("i"))
              .measure("mn", Measure.min("t")).measure("mx", Measure.max("r")).measure("cd", Measure.countDistinct("c"))
              .measure("avg", Measure.avg("i")).measure("rs", Measure.sum("r"))
              .groupBy(new String[] {"c", "b", "i"}[rnd.nextInt(3)]).where(f);
          same(what + " aggregate", r -> r.aggregate(agg), mem, sql);
          AggregateRequest having = agg.having(Filters.or(Filters.gt("n", (long) rnd.nextInt(6)),
              Filters.eq("s", null), Filters.lt("avg", rnd.nextInt(5) - 1.5))).orderBy(Sort.parse("-n,avg,-s"))
              .page(3, rnd.nextInt(2));
          same(what + " aggregate having", r -> r.aggregate(having), mem, sql);
          AggregateRequest scalar = AggregateRequest.of("n", Measure.count()).measure("avg", Measure.avg("r"))
              .measure("mn", Measure.min("ts")).measure("mx", Measure.max("c")).where(f);
          same(what + " scalar aggregate", r -> r.aggregate(scalar), mem, sql);
        }
        if (round % 10 == 0) {
          KeysetRequest first = new KeysetRequest(f, s, null, 7, Projection.all());
          same(what + " keyset walk", r -> walk(r, first), mem, sql);
          // Cursors are interchangeable: a cursor minted by the SQLite kit continues on the memory kit.
          KeysetPage<Map<String, Object>> p1 = sql.getAll(first);
          if (p1.hasMore()) {
            same(what + " foreign cursor", r -> r.getAll(first.after(p1.nextCursor())).items(), mem, sql);
          }
          same(what + " offset page", r -> r.getAll(new PageRequest(f, s, 2, 5, Projection.include("t"))), mem, sql);
        }
        if (round % 7 == 0) {
          Update u = update();
          Filter target = filter(1);
          FindOneAndUpdateOptions o = FindOneAndUpdateOptions.defaults().withSort(s).withUpsert(rnd.nextBoolean())
              .returning(rnd.nextBoolean() ? ReturnDocument.BEFORE : ReturnDocument.AFTER);
          same(what + " findOneAndUpdate " + u + " where " + target, r -> r.findOneAndUpdate(target, u, o), mem, sql);
          long id = rnd.nextInt(90);
          same(what + " increment " + id, r -> r.increment(id, "i", 3), mem, sql);
        }
        if (round % 5 == 0) {
          Update u = update();
          Filter scope = filter(2);
          same(what + " updateMany " + u + " where " + scope, r -> r.updateMany(scope, u), mem, sql);
          same(what + " after updateMany", r -> r.findAll(Filters.all()), mem, sql);
        }
        if (round % 37 == 0) {
          Filter scope = filter(1);
          same(what + " deleteMany " + scope, r -> r.deleteMany(scope), mem, sql);
          Map<String, Object> extra = new LinkedHashMap<>();
          extra.put("t", value("t"));
          extra.put("i", value("i"));
          same(what + " create", r -> r.create(extra), mem, sql);
        }
      }
    }
    // Guard against a vacuous pass: most comparisons must have produced real, non-empty results.
    System.out.printf("compared %d, errors %d, non-empty %d%n", compared, errors, nonEmpty);
    org.junit.jupiter.api.Assertions.assertTrue(nonEmpty > compared / 3, "too few non-empty results");
    org.junit.jupiter.api.Assertions.assertTrue(errors < compared / 10, "too many errors");
  }

  private static final TableDef ACCOUNTS = TableDef.of("accounts",
      Column.text("id").primaryKey(),
      Column.text("email").notNull().unique(),
      Column.text("name"),
      Column.integer("n").notNull().defaultValue(0),
      Column.bool("active").notNull().defaultValue(true));

  private Map<String, Object> account() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (rnd.nextInt(10) > 0) {
      m.put("id", "k" + rnd.nextInt(12));
    }
    if (rnd.nextInt(10) > 0) {
      m.put("email", "e" + rnd.nextInt(12));
    }
    if (rnd.nextBoolean()) {
      m.put("name", rnd.nextInt(5) == 0 ? null : "n" + rnd.nextInt(4));
    }
    if (rnd.nextInt(4) == 0) {
      m.put("n", rnd.nextInt(8) == 0 ? null : (Object) (long) rnd.nextInt(5));
    }
    return m;
  }

  @Test
  void randomWrites_withUniqueAndNotNullColumns_agree() {
    try (SqliteKit sqliteKit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("writes.db")).clock(CLOCK)
        .build()) {
      sqliteKit.createTable(ACCOUNTS);
      StandardRepo<Map<String, Object>, Object> sql = sqliteKit.documents(ACCOUNTS);
      StandardRepo<Map<String, Object>, Object> mem = MemoryKit.builder().clock(CLOCK).build().documents(ACCOUNTS);
      for (int round = 0; round < 600; round++) {
        Map<String, Object> a = account();
        Map<String, Object> b = account();
        String key = "k" + rnd.nextInt(12);
        String what = "round " + round + " " + a + " " + b + " key " + key;
        switch (rnd.nextInt(8)) {
          case 0:
            same(what + " create", r -> r.create(a), mem, sql);
            break;
          case 1:
            same(what + " createMany", r -> r.createMany(List.of(a, b)), mem, sql);
            break;
          case 2:
            same(what + " upsert", r -> r.upsert(a), mem, sql);
            break;
          case 3:
            same(what + " upsert on email", r -> r.upsert(a, io.sqlitekit.spi.UpsertOptions.onConflict("email")),
                mem, sql);
            break;
          case 4:
            same(what + " getOrCreate", r -> r.getOrCreate(Filters.eq("email", a.get("email")), a), mem, sql);
            break;
          case 5: {
            Update u = rnd.nextBoolean() ? Update.set("email", "e" + rnd.nextInt(12))
                : Update.inc("n", 1).and(Update.set("name", "x"));
            same(what + " update " + u, r -> r.update(key, u), mem, sql);
            break;
          }
          case 6:
            same(what + " delete", r -> r.delete(key), mem, sql);
            break;
          default:
            same(what + " batch", r -> r.batch(bb -> List.of(bb.insert(a), bb.upsert(b), bb.delete(key))), mem,
                sql);
            break;
        }
        same(what + " table", r -> r.findAll(Filters.all()), mem, sql);
      }
    }
    System.out.printf("writes: compared %d, errors %d, non-empty %d%n", compared, errors, nonEmpty);
    org.junit.jupiter.api.Assertions.assertTrue(nonEmpty > compared / 2, "too few non-empty results");
    org.junit.jupiter.api.Assertions.assertTrue(errors > 0 && errors < compared / 2,
        "expected some (not mostly) constraint errors: " + errors);
  }
}
