package io.sqlitekit.tck.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.tck.DriverContractTest;
import io.sqlitekit.tck.DriverFeature;
import io.sqlitekit.tck.RequiresDriver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * After-commit and after-completion actions: after-commit actions run once, after the commit (outside the
 * transaction, seeing the committed rows), never after a rollback; after-completion actions run either way; a
 * failing action does not change the outcome. Savepoint scenarios need interactive transactions.
 */
class AfterCommitDriverContract extends DriverContractSupport {
  @DriverContractTest
  void afterCommit_runsOnceAfterTheCommit_seeingTheCommittedRow(SqliteDriver d) {
    withTable(d);
    List<String> log = new CopyOnWriteArrayList<>();
    d.write(s -> {
      d.afterCommit(() -> {
        log.add("commit:inTx=" + d.inTransaction() + ",row=" + d.read(r -> value(r, "a")));
      });
      d.afterCompletion(() -> log.add("completion"));
      s.update(INSERT, List.of("a", 7L));
      log.add("work");
      return null;
    });
    assertEquals(List.of("work", "commit:inTx=false,row=7", "completion"), log);
  }

  @DriverContractTest
  void afterCommit_discardedWhenTheWorkFailsBeforeWriting_afterCompletionStillRuns(SqliteDriver d) {
    withTable(d);
    List<String> log = new CopyOnWriteArrayList<>();
    assertThrows(IllegalStateException.class, () -> d.write(s -> {
      d.afterCommit(() -> log.add("commit"));
      d.afterCompletion(() -> log.add("completion"));
      throw new IllegalStateException("fails");
    }));
    assertEquals(List.of("completion"), log);
    put(d, "next", 1);
    assertEquals(List.of("completion"), log, "a discarded action never runs with a later commit");
  }

  @DriverContractTest
  @RequiresDriver(DriverFeature.INTERACTIVE_TRANSACTIONS)
  void afterCommit_neverRunsAfterARollback_ofWrittenWork(SqliteDriver d) {
    withTable(d);
    List<String> log = new CopyOnWriteArrayList<>();
    assertThrows(IllegalStateException.class, () -> d.write(s -> {
      s.update(INSERT, List.of("a", 1L));
      d.afterCommit(() -> log.add("commit"));
      d.afterCompletion(() -> log.add("completion"));
      throw new IllegalStateException("fails after writing");
    }));
    assertEquals(List.of("completion"), log);
    assertEquals(0, count(d));
  }

  @DriverContractTest
  void outsideATransaction_actionsRunAtOnce(SqliteDriver d) {
    List<String> log = new CopyOnWriteArrayList<>();
    d.afterCommit(() -> log.add("commit"));
    d.afterCompletion(() -> log.add("completion"));
    assertEquals(List.of("commit", "completion"), log);
  }

  @DriverContractTest
  void failingAction_doesNotChangeTheOutcome_laterActionsStillRun(SqliteDriver d) {
    withTable(d);
    List<String> log = new CopyOnWriteArrayList<>();
    String result = d.write(s -> {
      s.update(INSERT, List.of("a", 1L));
      d.afterCommit(() -> {
        throw new IllegalStateException("action fails");
      });
      d.afterCommit(() -> log.add("second"));
      d.afterCompletion(() -> log.add("completion"));
      return "ok";
    });
    assertEquals("ok", result);
    assertEquals(List.of("second", "completion"), log);
    assertEquals(1, count(d));
  }

  @DriverContractTest
  @RequiresDriver(DriverFeature.INTERACTIVE_TRANSACTIONS)
  void nested_rolledBackSavepoint_discardsItsActions_keepsTheOuterOnes(SqliteDriver d) {
    withTable(d);
    List<String> log = new CopyOnWriteArrayList<>();
    d.write(s -> {
      d.afterCommit(() -> log.add("outer"));
      assertThrows(IllegalStateException.class, () -> d.write(inner -> {
        d.afterCommit(() -> log.add("rolled-back-inner"));
        d.afterCompletion(() -> log.add("inner-completion"));
        throw new IllegalStateException("inner fails");
      }));
      d.write(inner -> {
        d.afterCommit(() -> log.add("released-inner"));
        return null;
      });
      assertEquals(List.of(), log, "nothing runs before the outermost commit");
      s.update(INSERT, List.of("a", 1L));
      return null;
    });
    assertEquals(List.of("outer", "released-inner", "inner-completion"), log);
  }

  @DriverContractTest
  void actionStartingAWrite_runsOutsideTheFinishedTransaction(SqliteDriver d) {
    withTable(d);
    d.write(s -> {
      d.afterCommit(() -> put(d, "from-action", 2));
      s.update(INSERT, List.of("a", 1L));
      return null;
    });
    assertFalse(d.inTransaction());
    assertEquals(2L, d.<Long>read(s -> value(s, "from-action")), "an action may write; it runs after the commit");
  }
}
