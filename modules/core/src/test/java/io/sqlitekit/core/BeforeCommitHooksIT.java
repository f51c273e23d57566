package io.sqlitekit.core;

import static io.sqlitekit.core.Fixtures.USERS;
import static io.sqlitekit.core.HooksIT.plugin;
import static io.sqlitekit.spi.filter.Filters.all;
import static io.sqlitekit.spi.filter.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sqlitekit.core.Fixtures.User;
import io.sqlitekit.spi.FindOneAndUpdateOptions;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.plugin.AfterHookException;
import io.sqlitekit.spi.plugin.HookPriority;
import io.sqlitekit.spi.plugin.HookRegistry;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.update.Update;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Before-commit hooks (writes atomic with the change) and after-hook failure reporting, on real SQLite. */
class BeforeCommitHooksIT {
  @TempDir
  Path dir;

  private static final Set<Operation> ALL_OPS = EnumSet.allOf(Operation.class);

  /** A plugin that logs every write into a side table inside the write's transaction, or fails when told. */
  private static RepositoryPlugin journal(AtomicBoolean fail, List<String> phases) {
    return plugin("journal", (HookRegistry r) -> {
      SqliteDriver driver = r.driver().orElseThrow();
      r.before(ALL_OPS, HookPriority.DEFAULT, c -> phases.add("before:" + c.operation()));
      r.beforeCommit(ALL_OPS, HookPriority.DEFAULT, (c, result) -> {
        phases.add("commit:" + c.operation());
        driver.write(s -> s.update("INSERT INTO journal (op) VALUES (?)", List.of(c.operation().name())));
        if (fail.get()) {
          throw new IllegalStateException("journal export failed");
        }
      });
      r.after(ALL_OPS, HookPriority.DEFAULT, (c, result) -> phases.add("after:" + c.operation()));
      r.onError(ALL_OPS, HookPriority.DEFAULT, (c, e) -> phases.add("error:" + c.operation()));
    });
  }

  private static long journalRows(SqliteKit kit) {
    return kit.driver().read(s -> s.query("SELECT count(*) FROM journal", List.of(),
        rs -> rs.next() ? rs.getLong(0) : -1));
  }

  private SqliteKit open(RepositoryPlugin p) {
    SqliteKit kit = Fixtures.builder(dir).plugin(p).build();
    kit.createTable(USERS);
    kit.execute("CREATE TABLE journal (id INTEGER PRIMARY KEY, op TEXT NOT NULL)");
    return kit;
  }

  @Test
  void successfulWriteCommitsTheRowAndTheHookRowTogetherInPhaseOrder() {
    List<String> phases = new ArrayList<>();
    try (SqliteKit kit = open(journal(new AtomicBoolean(), phases))) {
      SqliteRepository<User, String> u = kit.repository(USERS, User.class);
      u.create(User.of("a", "a@x"));
      assertEquals(List.of("before:CREATE", "commit:CREATE", "after:CREATE"), phases);
      assertEquals(1, u.count(all()));
      assertEquals(1, journalRows(kit));
      phases.clear();
      u.count(all());
      assertEquals(List.of("before:COUNT", "after:COUNT"), phases, "reads never run before-commit hooks");
    }
  }

  @Test
  void failingHookOutsideATransactionLeavesNoRowAndIsNotAnAfterHookException() {
    AtomicBoolean fail = new AtomicBoolean(true);
    List<String> phases = new ArrayList<>();
    try (SqliteKit kit = open(journal(fail, phases))) {
      SqliteRepository<User, String> u = kit.repository(USERS, User.class);
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> u.create(User.of("a", "a@x")));
      assertEquals("journal export failed", e.getMessage());
      assertFalse(AfterHookException.class.isInstance(e));
      assertEquals(List.of("before:CREATE", "commit:CREATE", "error:CREATE"), phases,
          "error hooks see it, after-hooks do not run");
      assertEquals(0, u.count(all()), "the write rolled back");
      assertEquals(0, journalRows(kit), "so did the hook's row");
    }
  }

  @Test
  void everyWriteOperationRollsBackWhenItsHookFails() {
    AtomicBoolean fail = new AtomicBoolean();
    try (SqliteKit kit = open(journal(fail, new ArrayList<>()))) {
      SqliteRepository<User, String> u = kit.repository(USERS, User.class);
      u.create(User.of("a", "a@x"));
      u.create(User.of("b", "b@x"));
      fail.set(true);
      List<Runnable> writes = List.of(
          () -> u.create(User.of("c", "c@x")),
          () -> u.createMany(List.of(User.of("c", "c@x"), User.of("d", "d@x"))),
          () -> u.upsert(new User("a", "a@x", "changed", null, null, null, null)),
          () -> u.getOrCreate(eq("id", "c"), User.of("c", "c@x")),
          () -> u.update("a", Update.set("name", "changed")),
          () -> u.updateMany(eq("active", true), Update.set("name", "changed")),
          () -> u.findOneAndUpdate(eq("id", "a"), Update.set("name", "changed"),
              FindOneAndUpdateOptions.defaults()),
          () -> u.increment("a", "age", 5),
          () -> u.delete("a"),
          () -> u.deleteMany(eq("active", true)),
          () -> u.batch(b -> List.of(b.insert(User.of("c", "c@x")), b.delete("b"))));
      for (Runnable w : writes) {
        assertThrows(IllegalStateException.class, w::run);
        List<User> rows = u.findAll(all());
        assertEquals(2, rows.size());
        assertEquals(List.of("a", "b"), List.of(rows.get(0).id(), rows.get(1).id()));
        assertEquals(null, rows.get(0).name());
        assertEquals(null, rows.get(0).age());
        assertEquals(2, journalRows(kit));
      }
    }
  }

  @Test
  void insideATransactionALaterFailureRollsBackTheRowAndTheHookRow() {
    try (SqliteKit kit = open(journal(new AtomicBoolean(), new ArrayList<>()))) {
      SqliteRepository<User, String> u = kit.repository(USERS, User.class);
      RuntimeException later = new IllegalArgumentException("later");
      assertSame(later, assertThrows(IllegalArgumentException.class, () -> u.withTransaction(tx -> {
        tx.create(User.of("a", "a@x"));
        tx.update("a", Update.set("name", "n"));
        throw later;
      })));
      assertEquals(0, u.count(all()));
      assertEquals(0, journalRows(kit));
      u.withTransaction(tx -> tx.create(User.of("a", "a@x")));
      assertEquals(1, u.count(all()));
      assertEquals(1, journalRows(kit));
    }
  }

  @Test
  void everyAfterHookRunsAndTheFirstFailureIsReportedToCallerAndErrorHooks() {
    List<String> ran = new ArrayList<>();
    List<RuntimeException> errors = new ArrayList<>();
    IllegalStateException first = new IllegalStateException("first");
    IllegalArgumentException second = new IllegalArgumentException("second");
    Consumer<HookRegistry> install = r -> {
      r.after(ALL_OPS, 10, (c, res) -> {
        ran.add("a10");
        throw first;
      });
      r.after(ALL_OPS, 20, (c, res) -> {
        ran.add("a20");
        throw second;
      });
      r.after(ALL_OPS, 30, (c, res) -> ran.add("a30"));
      r.onError(ALL_OPS, HookPriority.DEFAULT, (c, e) -> errors.add(e));
    };
    try (SqliteKit kit = Fixtures.builder(dir).plugin(plugin("afters", install)).build()) {
      kit.createTable(USERS);
      SqliteRepository<User, String> u = kit.repository(USERS, User.class);
      AfterHookException e = assertThrows(AfterHookException.class, () -> u.create(User.of("a", "a@x")));
      assertEquals(List.of("a10", "a20", "a30"), ran);
      assertSame(first, e.getCause());
      assertEquals(List.of(second), List.of(first.getSuppressed()));
      assertEquals(List.of(e), errors, "error hooks see what the caller gets");
      assertEquals(1L, (long) kit.driver().read(s -> s.query("SELECT count(*) FROM users", List.of(),
          rs -> rs.next() ? rs.getLong(0) : -1)), "the create stays committed");
      ran.clear();
      errors.clear();
      IllegalStateException read = assertThrows(IllegalStateException.class, () -> u.getById("a"));
      assertSame(first, read, "reads report the hook's own exception");
      assertEquals(List.of("a10", "a20", "a30"), ran);
      assertEquals(List.of(first), errors);
    }
  }

  @Test
  void pluginNamesFollowRunsAfterThenEnablementOrder() {
    RepositoryPlugin cache = plugin("cache", Set.of("tenant", "absent"), r -> { });
    RepositoryPlugin tenant = plugin("tenant", r -> { });
    RepositoryPlugin other = plugin("other", r -> { });
    try (SqliteKit kit = Fixtures.builder(dir).plugin(cache).plugin(other).plugin(tenant).build()) {
      assertEquals(List.of("tenant", "cache", "other"), kit.pluginNames());
    }
  }

  @Test
  void defaultRegistryMethodRunsBeforeCommitHooksAsAfterHooks() {
    List<String> log = new ArrayList<>();
    HookRegistry minimal = new HookRegistry() {
      @Override
      public io.sqlitekit.spi.table.TableDef table() {
        return USERS;
      }

      @Override
      public java.time.Clock clock() {
        return Fixtures.CLOCK;
      }

      @Override
      public java.util.Optional<SqliteDriver> driver() {
        return java.util.Optional.empty();
      }

      @Override
      public io.sqlitekit.spi.StandardRepo<Map<String, Object>, Object> documents() {
        throw new UnsupportedOperationException();
      }

      @Override
      public void before(Set<Operation> operations, int priority, io.sqlitekit.spi.plugin.BeforeHook hook) {
      }

      @Override
      public void after(Set<Operation> operations, int priority, io.sqlitekit.spi.plugin.AfterHook hook) {
        log.add("after@" + priority + operations);
      }

      @Override
      public void onError(Set<Operation> operations, int priority, io.sqlitekit.spi.plugin.ErrorHook hook) {
      }

      @Override
      public void onClose(AutoCloseable resource) {
      }
    };
    minimal.beforeCommit(Set.of(Operation.CREATE), 7, (c, r) -> { });
    assertEquals(List.of("after@7[CREATE]"), log);
  }
}
