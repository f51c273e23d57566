package io.sqlitekit.plugin.timestamp;

import static io.sqlitekit.spi.filter.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.memory.MemoryKit;
import io.sqlitekit.memory.MemoryRepository;
import io.sqlitekit.spi.BatchStatement;
import io.sqlitekit.spi.FindOneAndUpdateOptions;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.plugin.HookContext;
import io.sqlitekit.spi.plugin.HookPriority;
import io.sqlitekit.spi.plugin.HookRegistry;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import io.sqlitekit.testsupport.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How the timestamp plugin stamps each kind of call, run through the in-memory kit (the shared hook engine, no
 * database); a probe that runs after every other hook shows what the kit was left to execute where the stored
 * rows cannot. {@link TimestampIT} runs the write paths on real SQLite.
 */
final class TimestampHooksTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");
  private static final Instant T0_MS = Instant.parse("2026-03-01T10:00:00.123Z");
  private static final TableDef DOCS = TableDef.of("docs", Column.text("id").primaryKey(), Column.text("name"),
      Column.integer("n"), Column.timestamp("createdAt"), Column.timestamp("updatedAt"));

  private final MutableClock clock = new MutableClock(T0);

  /** What the kit executes for one call: the state every before-hook left behind. */
  private record Seen(Operation op, Filter filter, Update update, Object request, List<Map<String, Object>> rows,
      List<BatchStatement> batch) {
    static Seen of(HookContext c) {
      List<Map<String, Object>> rows = new ArrayList<>();
      c.rows().forEach(r -> rows.add(new HashMap<>(r)));
      return new Seen(c.operation(), c.filter(), c.update(), c.request().orElse(null), rows,
          List.copyOf(c.batchStatements()));
    }
  }

  /** Records every call's final state; its hooks run after all others (highest priority number, last install). */
  private static final class Probe implements RepositoryPlugin {
    final List<Seen> seen = new ArrayList<>();

    @Override
    public String name() {
      return "probe";
    }

    @Override
    public void install(HookRegistry registry) {
      registry.before(EnumSet.allOf(Operation.class), Integer.MAX_VALUE, c -> seen.add(Seen.of(c)));
    }

    Seen last() {
      return seen.get(seen.size() - 1);
    }
  }

  private static Map<String, Object> row(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static MemoryRepository<Map<String, Object>, Object> docs(Clock clock, TableDef table,
      RepositoryPlugin... plugins) {
    MemoryKit.Builder b = MemoryKit.builder().clock(clock);
    for (RepositoryPlugin p : plugins) {
      b.plugin(p);
    }
    return b.build().documents(table);
  }

  private MemoryRepository<Map<String, Object>, Object> docs(RepositoryPlugin... extra) {
    List<RepositoryPlugin> all = new ArrayList<>(List.of(TimestampPlugin.create(TimestampOptions.defaults())));
    all.addAll(List.of(extra));
    return docs(clock, DOCS, all.toArray(new RepositoryPlugin[0]));
  }

  private Instant nowMs() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  @Test
  void create_stampsBothWithOneMillisecondInstant() {
    MemoryRepository<Map<String, Object>, Object> docs = docs();
    Map<String, Object> created = docs.create(row("id", "a"));
    assertEquals(T0_MS, created.get("createdAt"));
    assertEquals(T0_MS, created.get("updatedAt"));
    assertEquals(created, docs.getById("a").orElseThrow(), "stored as returned");
  }

  @Test
  void create_callerValuesKept_nullCountsAsAbsent() {
    Instant given = Instant.parse("2020-01-01T00:00:00Z");
    Map<String, Object> in = new HashMap<>();
    in.put("id", "a");
    in.put("createdAt", given);
    in.put("updatedAt", null);
    Map<String, Object> created = docs().create(in);
    assertEquals(given, created.get("createdAt"));
    assertEquals(given, created.get("updatedAt"), "updatedAt copies the given createdAt");
  }

  @Test
  void createMany_oneInstantForEveryRow() {
    // A clock that moves on every reading: rows stamped with separate readings would differ.
    Clock ticking = new Clock() {
      private Instant next = T0;

      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Instant instant() {
        Instant now = next;
        next = next.plusMillis(1);
        return now;
      }
    };
    List<Map<String, Object>> created = docs(ticking, DOCS, TimestampPlugin.create(TimestampOptions.defaults()))
        .createMany(List.of(row("id", "a"), row("id", "b"), row("id", "c")));
    Object stamp = created.get(0).get("createdAt");
    for (Map<String, Object> r : created) {
      assertEquals(stamp, r.get("createdAt"), r.toString());
      assertEquals(stamp, r.get("updatedAt"), r.toString());
    }
  }

  @Test
  void updatePaths_setUpdatedAtReplacingCallerValue() {
    MemoryRepository<Map<String, Object>, Object> docs = docs();
    docs.create(row("id", "a", "n", 0L));
    Update given = Update.set("name", "x").and(Update.set("updatedAt", Instant.EPOCH));
    Map<Operation, Runnable> paths = new LinkedHashMap<>();
    paths.put(Operation.UPDATE, () -> docs.update("a", given));
    paths.put(Operation.UPDATE_MANY, () -> docs.updateMany(eq("id", "a"), given));
    paths.put(Operation.INCREMENT, () -> docs.increment("a", "n", 1));
    paths.put(Operation.FIND_ONE_AND_UPDATE, () -> docs.findOneAndUpdate(eq("id", "a"), given,
        FindOneAndUpdateOptions.defaults()));
    paths.forEach((op, call) -> {
      clock.advance(Duration.ofSeconds(1));
      call.run();
      Map<String, Object> stored = docs.getById("a").orElseThrow();
      assertEquals(nowMs(), stored.get("updatedAt"), op.toString());
      assertEquals(T0_MS, stored.get("createdAt"), op + " never touches createdAt");
    });
    assertEquals(1L, docs.getById("a").orElseThrow().get("n"), "the increment itself still applied");
  }

  @Test
  void findOneAndUpdate_upsert_stampsTheInsertedRow() {
    MemoryRepository<Map<String, Object>, Object> docs = docs();
    docs.findOneAndUpdate(eq("id", "new"), Update.set("name", "n"),
        FindOneAndUpdateOptions.defaults().withUpsert(true));
    Map<String, Object> inserted = docs.getById("new").orElseThrow();
    assertEquals("n", inserted.get("name"));
    assertEquals(T0_MS, inserted.get("createdAt"));
    assertEquals(T0_MS, inserted.get("updatedAt"));
  }

  @Test
  void upsert_conflictUpdateKeepsExistingCreatedAt() {
    MemoryRepository<Map<String, Object>, Object> docs = docs();
    docs.create(row("id", "a", "name", "old"));
    clock.advance(Duration.ofSeconds(5));
    Map<String, Object> upserted = docs.upsert(row("id", "a", "name", "n"));
    assertEquals(T0_MS, upserted.get("createdAt"), "the conflict update carries the data, not the key or createdAt");
    assertEquals(nowMs(), upserted.get("updatedAt"));
    assertEquals("n", upserted.get("name"));
    Map<String, Object> fresh = docs.upsert(row("id", "b", "name", "n"));
    assertEquals(nowMs(), fresh.get("createdAt"), "an inserting upsert gets createdAt");
  }

  @Test
  void delete_stampedOnlyWhenConvertedToUpdate_evenIfConverterRunsLaterAtSamePriority() {
    // Enabled after the timestamp plugin, at the policy priority: it converts before the stamp hook runs.
    RepositoryPlugin converter = new RepositoryPlugin() {
      @Override
      public String name() {
        return "converter";
      }

      @Override
      public void install(HookRegistry r) {
        r.before(EnumSet.of(Operation.DELETE), HookPriority.POLICY,
            ctx -> ctx.convertDeleteToUpdate(Update.set("name", "gone")));
      }
    };
    MemoryRepository<Map<String, Object>, Object> soft = docs(converter);
    soft.create(row("id", "a"));
    clock.advance(Duration.ofSeconds(1));
    assertTrue(soft.delete("a"));
    Map<String, Object> marked = soft.getById("a").orElseThrow();
    assertEquals("gone", marked.get("name"));
    assertEquals(nowMs(), marked.get("updatedAt"));

    Probe probe = new Probe();
    MemoryRepository<Map<String, Object>, Object> hard = docs(probe);
    hard.create(row("id", "a"));
    assertTrue(hard.delete("a"));
    assertTrue(probe.last().update().isEmpty(), "a real delete gets no update");
    assertTrue(hard.getById("a").isEmpty());
  }

  @Test
  void batch_everyStatementKind() {
    Probe probe = new Probe();
    MemoryRepository<Map<String, Object>, Object> docs = docs(probe);
    docs.createMany(List.of(row("id", "b", "name", "old"), row("id", "c"), row("id", "d")));
    clock.advance(Duration.ofSeconds(1));
    docs.batch(b -> List.of(
        BatchStatement.insert(DOCS, row("id", "a")),
        BatchStatement.upsert(DOCS, row("id", "b", "name", "n")),
        BatchStatement.update(DOCS, "c", Update.set("name", "x")),
        BatchStatement.delete(DOCS, "d")));
    Map<String, Object> a = docs.getById("a").orElseThrow();
    assertEquals(nowMs(), a.get("createdAt"));
    assertEquals(nowMs(), a.get("updatedAt"));
    Map<String, Object> b = docs.getById("b").orElseThrow();
    assertEquals(T0_MS, b.get("createdAt"), "the upsert's conflict update keeps createdAt");
    assertEquals(nowMs(), b.get("updatedAt"));
    assertEquals("n", b.get("name"));
    assertEquals(nowMs(), docs.getById("c").orElseThrow().get("updatedAt"));
    assertTrue(docs.getById("d").isEmpty());
    Seen batch = probe.seen.stream().filter(s -> s.op() == Operation.BATCH).findFirst().orElseThrow();
    assertEquals(Map.of("name", "n", "updatedAt", nowMs()), batch.batch().get(1).update().set(),
        "conflict update: data but key and createdAt");
    assertTrue(batch.batch().get(3).update().isEmpty(), "a delete statement is not stamped");
  }

  @Test
  void plainColumns_getIsoTextAndEpochMillis() {
    TableDef plain = TableDef.of("p", Column.text("id").primaryKey(), Column.text("createdAt"),
        Column.integer("updatedAt"));
    Map<String, Object> created = docs(clock, plain, TimestampPlugin.create(TimestampOptions.defaults()))
        .create(row("id", "a"));
    assertEquals("2026-03-01T10:00:00.123Z", created.get("createdAt"));
    assertEquals(T0_MS.toEpochMilli(), created.get("updatedAt"), "different shapes: now, not a copy");
  }

  @Test
  void disabledField_notRequiredNorStamped() {
    TableDef onlyUpdated = TableDef.of("u", Column.text("id").primaryKey(), Column.timestampMillis("modified"));
    Map<String, Object> created = docs(clock, onlyUpdated,
        TimestampPlugin.create(TimestampOptions.defaults().withoutCreated().withUpdatedField("modified")))
        .create(row("id", "a"));
    assertEquals(Map.of("id", "a", "modified", T0_MS), created);
  }

  @Test
  void install_missingOrUnsuitableColumn_namesTable() {
    TableDef bare = TableDef.of("bare", Column.text("id").primaryKey(), Column.timestamp("createdAt"));
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> docs(clock, bare, TimestampPlugin.create(TimestampOptions.defaults())));
    assertTrue(e.getMessage().contains("\"bare\"") && e.getMessage().contains("updatedAt"), e.getMessage());
    TableDef wrong = TableDef.of("wrong", Column.text("id").primaryKey(), Column.bool("createdAt"),
        Column.timestamp("updatedAt"));
    assertThrows(ConfigurationException.class,
        () -> docs(clock, wrong, TimestampPlugin.create(TimestampOptions.defaults())));
  }

  @Test
  void readsAreUntouched() {
    Probe with = new Probe();
    Probe without = new Probe();
    MemoryRepository<Map<String, Object>, Object> stamped = docs(with);
    MemoryRepository<Map<String, Object>, Object> plain = docs(clock, DOCS, without);
    for (MemoryRepository<Map<String, Object>, Object> r : List.of(stamped, plain)) {
      r.findAll(eq("name", "x"));
      r.getById("a");
      r.count(Filters.all());
    }
    assertEquals(3, with.seen.size());
    assertEquals(without.seen, with.seen, "the kit executes the same reads with and without the plugin");
  }

  @Test
  void update_changingNothing_staysEmpty() {
    MemoryRepository<Map<String, Object>, Object> docs = docs();
    docs.create(row("id", "a", "name", "old"));
    clock.advance(Duration.ofSeconds(1));
    assertThrows(ValidationException.class, () -> docs.update("a", Update.empty()),
        "the repository still rejects an empty update: the plugin added nothing to it");
    docs.findOneAndUpdate(eq("id", "a"), Update.setOnInsert(Map.of("name", "n")),
        FindOneAndUpdateOptions.defaults().withUpsert(true));
    Map<String, Object> stored = docs.getById("a").orElseThrow();
    assertEquals("old", stored.get("name"), "a matched row is left alone");
    assertEquals(T0_MS, stored.get("updatedAt"), "and not stamped");
  }
}
