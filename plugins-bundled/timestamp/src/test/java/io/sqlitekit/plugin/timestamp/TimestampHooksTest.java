package io.sqlitekit.plugin.timestamp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.BatchStatement;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.FindOneAndUpdateOptions;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.plugin.HookPriority;
import io.sqlitekit.spi.plugin.HookRegistry;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import io.sqlitekit.testsupport.FakeHooks;
import io.sqlitekit.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the timestamp plugin rewrites each kind of call (the ITs run the same on real SQLite). */
final class TimestampHooksTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");
  private static final Instant T0_MS = Instant.parse("2026-03-01T10:00:00.123Z");
  private static final TableDef DOCS = TableDef.of("docs", Column.text("id").primaryKey(), Column.text("name"),
      Column.timestamp("createdAt"), Column.timestamp("updatedAt"));

  private final MutableClock clock = new MutableClock(T0);
  private final FakeHooks hooks = new FakeHooks(DOCS, clock, TimestampPlugin.create(TimestampOptions.defaults()));

  @Test
  void create_stampsBothWithOneMillisecondInstant() {
    FakeHooks.Ctx c = hooks.run(hooks.ctx(Operation.CREATE, CallContext.empty()).row(Map.of("id", "a")));
    assertEquals(T0_MS, c.rows().get(0).get("createdAt"));
    assertEquals(T0_MS, c.rows().get(0).get("updatedAt"));
  }

  @Test
  void create_callerValuesKept_nullCountsAsAbsent() {
    Instant given = Instant.parse("2020-01-01T00:00:00Z");
    Map<String, Object> row = new HashMap<>();
    row.put("id", "a");
    row.put("createdAt", given);
    row.put("updatedAt", null);
    FakeHooks.Ctx c = hooks.run(hooks.ctx(Operation.CREATE, CallContext.empty()).row(row));
    assertEquals(given, c.rows().get(0).get("createdAt"));
    assertEquals(given, c.rows().get(0).get("updatedAt"), "updatedAt copies the given createdAt");
  }

  @Test
  void createMany_oneInstantForEveryRow() {
    FakeHooks.Ctx c = hooks.run(hooks.ctx(Operation.CREATE_MANY, CallContext.empty())
        .row(Map.of("id", "a")).row(Map.of("id", "b")));
    assertEquals(T0_MS, c.rows().get(0).get("createdAt"));
    assertEquals(T0_MS, c.rows().get(1).get("updatedAt"));
  }

  @Test
  void updatePaths_setUpdatedAtReplacingCallerValue() {
    for (Operation op : List.of(Operation.UPDATE, Operation.UPDATE_MANY, Operation.INCREMENT,
        Operation.FIND_ONE_AND_UPDATE)) {
      clock.advance(Duration.ofSeconds(1));
      Update given = op == Operation.INCREMENT ? Update.inc("n", 1)
          : Update.set("name", "x").and(Update.set("updatedAt", Instant.EPOCH));
      FakeHooks.Ctx c = hooks.run(hooks.ctx(op, CallContext.empty()).update(given));
      assertEquals(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), c.update().set().get("updatedAt"),
          op.toString());
      assertFalse(c.update().fields().contains("createdAt"), op + " never touches createdAt");
    }
  }

  @Test
  void findOneAndUpdate_upsert_stampsInsertRowAndSetOnInsert() {
    FakeHooks.Ctx c = hooks.run(hooks.ctx(Operation.FIND_ONE_AND_UPDATE, CallContext.empty())
        .request(FindOneAndUpdateOptions.defaults().withUpsert(true)).update(Update.set("name", "n")));
    assertEquals(T0_MS, c.update().setOnInsert().get("createdAt"));
    assertEquals(T0_MS, c.update().set().get("updatedAt"));
    FakeHooks.Ctx withRow = hooks.run(hooks.ctx(Operation.FIND_ONE_AND_UPDATE, CallContext.empty())
        .request(FindOneAndUpdateOptions.defaults().withUpsert(true)).update(Update.set("name", "n"))
        .row(Map.of("id", "a", "name", "n")));
    assertEquals(T0_MS, withRow.rows().get(0).get("createdAt"));
  }

  @Test
  void upsert_conflictUpdateKeepsExistingCreatedAt() {
    FakeHooks.Ctx c = hooks.run(hooks.ctx(Operation.UPSERT, CallContext.empty())
        .row(Map.of("id", "a", "name", "n")));
    assertEquals(T0_MS, c.rows().get(0).get("createdAt"), "insert gets createdAt");
    assertEquals(Map.of("name", "n", "updatedAt", T0_MS), c.update().set(), "conflict update: data but key and createdAt");
  }

  @Test
  void delete_stampedOnlyWhenConvertedToUpdate_evenIfConverterRunsLaterAtSamePriority() {
    RepositoryPlugin converter = new RepositoryPlugin() {
      @Override
      public void install(HookRegistry r) {
        r.before(EnumSet.of(Operation.DELETE), HookPriority.POLICY,
            ctx -> ctx.convertDeleteToUpdate(Update.set("name", "gone")));
      }
    };
    FakeHooks both = new FakeHooks(DOCS, clock, TimestampPlugin.create(TimestampOptions.defaults()), converter);
    FakeHooks.Ctx soft = both.run(both.ctx(Operation.DELETE, CallContext.empty()));
    assertEquals(T0_MS, soft.update().set().get("updatedAt"));
    FakeHooks.Ctx hard = hooks.run(hooks.ctx(Operation.DELETE, CallContext.empty()));
    assertTrue(hard.update().isEmpty());
  }

  @Test
  void batch_everyStatementKind() {
    FakeHooks.Ctx c = hooks.run(hooks.ctx(Operation.BATCH, CallContext.empty()).batch(
        BatchStatement.insert(DOCS, Map.of("id", "a")),
        BatchStatement.upsert(DOCS, Map.of("id", "b", "name", "n")),
        BatchStatement.update(DOCS, "c", Update.set("name", "x")),
        BatchStatement.delete(DOCS, "d")));
    assertEquals(T0_MS, c.batchStatements().get(0).data().get("createdAt"));
    assertEquals(T0_MS, c.batchStatements().get(0).data().get("updatedAt"));
    assertEquals(T0_MS, c.batchStatements().get(1).data().get("createdAt"));
    assertEquals(Map.of("name", "n", "updatedAt", T0_MS), c.batchStatements().get(1).update().set());
    assertEquals(T0_MS, c.batchStatements().get(2).update().set().get("updatedAt"));
    assertTrue(c.batchStatements().get(3).update().isEmpty());
  }

  @Test
  void plainColumns_getIsoTextAndEpochMillis() {
    TableDef plain = TableDef.of("p", Column.text("id").primaryKey(), Column.text("createdAt"),
        Column.integer("updatedAt"));
    FakeHooks h = new FakeHooks(plain, clock, TimestampPlugin.create(TimestampOptions.defaults()));
    FakeHooks.Ctx c = h.run(h.ctx(Operation.CREATE, CallContext.empty()).row(Map.of("id", "a")));
    assertEquals("2026-03-01T10:00:00.123Z", c.rows().get(0).get("createdAt"));
    assertEquals(T0_MS.toEpochMilli(), c.rows().get(0).get("updatedAt"), "different shapes: now, not a copy");
  }

  @Test
  void disabledField_notRequiredNorStamped() {
    TableDef onlyUpdated = TableDef.of("u", Column.text("id").primaryKey(), Column.timestampMillis("modified"));
    FakeHooks h = new FakeHooks(onlyUpdated, clock,
        TimestampPlugin.create(TimestampOptions.defaults().withoutCreated().withUpdatedField("modified")));
    FakeHooks.Ctx c = h.run(h.ctx(Operation.CREATE, CallContext.empty()).row(Map.of("id", "a")));
    assertEquals(Map.of("id", "a", "modified", T0_MS), c.rows().get(0));
  }

  @Test
  void install_missingOrUnsuitableColumn_namesTable() {
    TableDef bare = TableDef.of("bare", Column.text("id").primaryKey(), Column.timestamp("createdAt"));
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> new FakeHooks(bare, clock, TimestampPlugin.create(TimestampOptions.defaults())));
    assertTrue(e.getMessage().contains("\"bare\"") && e.getMessage().contains("updatedAt"), e.getMessage());
    TableDef wrong = TableDef.of("wrong", Column.text("id").primaryKey(), Column.bool("createdAt"),
        Column.timestamp("updatedAt"));
    assertThrows(ConfigurationException.class,
        () -> new FakeHooks(wrong, clock, TimestampPlugin.create(TimestampOptions.defaults())));
  }

  @Test
  void readsAreUntouched() {
    FakeHooks.Ctx c = hooks.run(hooks.ctx(Operation.FIND_ALL, CallContext.empty()));
    assertSame(io.sqlitekit.spi.filter.Filters.all(), c.filter());
    assertTrue(c.update().isEmpty());
    assertNull(c.request().orElse(null));
  }

  @Test
  void update_changingNothing_staysEmpty() {
    FakeHooks.Ctx c = hooks.run(hooks.ctx(Operation.UPDATE, CallContext.empty()));
    assertTrue(c.update().isEmpty(), "the repository still rejects an empty update");
    Update onInsertOnly = Update.setOnInsert(Map.of("name", "n"));
    FakeHooks.Ctx f = hooks.run(hooks.ctx(Operation.FIND_ONE_AND_UPDATE, CallContext.empty()).update(onInsertOnly));
    assertFalse(f.update().changesExistingRows(), "a matched row is left alone");
  }
}
