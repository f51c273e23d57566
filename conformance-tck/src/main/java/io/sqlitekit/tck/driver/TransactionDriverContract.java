package io.sqlitekit.tck.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.error.DuplicateKeyException;
import io.sqlitekit.tck.DriverContractTest;
import io.sqlitekit.tck.DriverFeature;
import io.sqlitekit.tck.RequiresDriver;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Write transactions: commit, rollback (same exception object), translation of a failing statement, nested
 * writes as savepoints, reads joining the writer, isolation from other threads and snapshot reads. Needs
 * {@link DriverFeature#INTERACTIVE_TRANSACTIONS}; a driver without it skips the class with the feature named.
 */
@RequiresDriver(DriverFeature.INTERACTIVE_TRANSACTIONS)
class TransactionDriverContract extends DriverContractSupport {
  private static final long WAIT_SECONDS = 30;

  @DriverContractTest
  void write_commitsEveryStatementTogether(SqliteDriver d) {
    withTable(d);
    String result = d.write(s -> {
      s.update(INSERT, List.of("a", 1L));
      s.update(INSERT, List.of("b", 2L));
      assertTrue(d.inTransaction(), "inTransaction() inside write");
      return "done";
    });
    assertEquals("done", result);
    assertFalse(d.inTransaction());
    assertEquals(Map.of("a", 1L, "b", 2L), rows(d));
  }

  @DriverContractTest
  void runtimeException_rollsBackEverything_andIsRethrownAsTheSameObject(SqliteDriver d) {
    withTable(d);
    put(d, "keep", 1);
    IllegalArgumentException boom = new IllegalArgumentException("boom");
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> d.write(s -> {
      s.update(INSERT, List.of("a", 1L));
      s.update("UPDATE tck_kv SET v = 99 WHERE k = 'keep'", List.of());
      throw boom;
    }));
    assertSame(boom, thrown, "the work's exception object, unchanged");
    assertFalse(d.inTransaction());
    assertEquals(Map.of("keep", 1L), rows(d));
  }

  @DriverContractTest
  void failingStatement_rollsBackTheWholeWrite_translatedWithItsCause(SqliteDriver d) {
    withTable(d);
    put(d, "a", 1);
    DuplicateKeyException e = assertThrows(DuplicateKeyException.class, () -> d.write(s -> {
      s.update(INSERT, List.of("b", 2L));
      s.update(INSERT, List.of("a", 3L));
      return null;
    }));
    assertInstanceOf(SQLException.class, e.getCause(), "the driver's SQLException is the cause");
    assertEquals(Map.of("a", 1L), rows(d), "the first statement of the failed write is rolled back too");
  }

  @DriverContractTest
  void batch_failingRow_appliesNothingOfTheWrite(SqliteDriver d) {
    withTable(d);
    put(d, "b", 1);
    assertThrows(DuplicateKeyException.class, () -> d.write(s -> s.batch(INSERT,
        List.of(List.of("a", 1L), List.of("b", 2L), List.of("c", 3L)))),
        "the failing row's own error, translated by its result code");
    assertEquals(Map.of("b", 1L), rows(d));
  }

  @DriverContractTest
  void nestedWrite_failing_rollsBackToItsSavepoint_outerCommits(SqliteDriver d) {
    withTable(d);
    d.write(s -> {
      s.update(INSERT, List.of("outer-before", 1L));
      assertThrows(IllegalStateException.class, () -> d.write(inner -> {
        inner.update(INSERT, List.of("inner", 2L));
        assertTrue(d.inTransaction());
        throw new IllegalStateException("inner fails");
      }));
      assertEquals(null, value(s, "inner"), "the inner write is undone at once");
      s.update(INSERT, List.of("outer-after", 3L));
      return null;
    });
    assertEquals(Map.of("outer-after", 3L, "outer-before", 1L), rows(d));
  }

  @DriverContractTest
  void nestedWrites_threeLevels_rollbackOfTheMiddleDiscardsItsReleasedChild(SqliteDriver d) {
    withTable(d);
    d.write(s -> {
      s.update(INSERT, List.of("l1", 1L));
      assertThrows(IllegalStateException.class, () -> d.write(s2 -> {
        s2.update(INSERT, List.of("l2", 2L));
        d.write(s3 -> s3.update(INSERT, List.of("l3", 3L)));
        assertEquals(3L, value(s2, "l3"), "the released innermost write is visible to its parent");
        throw new IllegalStateException("middle fails after its child released");
      }));
      d.write(s2 -> s2.update(INSERT, List.of("l2-again", 4L)));
      return null;
    });
    assertEquals(Map.of("l1", 1L, "l2-again", 4L), rows(d));
  }

  @DriverContractTest
  void nestedWrite_failingStatement_isTranslated_outerStillCommits(SqliteDriver d) {
    withTable(d);
    put(d, "dup", 1);
    d.write(s -> {
      assertThrows(DuplicateKeyException.class, () -> d.write(inner -> inner.update(INSERT, List.of("dup", 2L))));
      s.update(INSERT, List.of("after", 2L));
      return null;
    });
    assertEquals(Map.of("after", 2L, "dup", 1L), rows(d));
  }

  @DriverContractTest
  void readInsideWrite_joinsIt_andSeesUncommittedRows(SqliteDriver d) {
    withTable(d);
    d.write(s -> {
      s.update(INSERT, List.of("a", 1L));
      assertEquals(1L, (long) d.<Long>read(DriverContractSupport::count), "a read inside a write joins it");
      assertEquals(1L, (long) d.<Long>readSnapshot(DriverContractSupport::count), "so does a snapshot read");
      return null;
    });
  }

  @DriverContractTest
  void uncommittedRows_areInvisibleToOtherThreads_untilCommit(SqliteDriver d) throws Exception {
    withTable(d);
    CountDownLatch written = new CountDownLatch(1);
    CountDownLatch checked = new CountDownLatch(1);
    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> d.write(s -> {
      s.update(INSERT, List.of("a", 1L));
      written.countDown();
      await(checked);
      return null;
    }));
    try {
      assertTrue(written.await(WAIT_SECONDS, TimeUnit.SECONDS), "writer started");
      assertEquals(0L, count(d), "another thread must not see an uncommitted row");
    } finally {
      checked.countDown();
    }
    finish(writer);
    assertEquals(1L, count(d), "visible once committed");
  }

  @DriverContractTest
  void readSnapshot_seesOneSnapshot_whileAnotherThreadCommits(SqliteDriver d) throws Exception {
    withTable(d);
    put(d, "a", 1);
    List<Long> seen = d.readSnapshot(s -> {
      long before = count(s);
      // A commit from another thread between the two statements must not show in the second one. The writer
      // must not wait for this read to end either: readers never block the writer.
      finish(CompletableFuture.runAsync(() -> put(d, "b", 2)));
      long after = count(s);
      return List.of(before, after);
    });
    assertEquals(List.of(1L, 1L), seen, "both statements of a snapshot read see the same rows");
    assertEquals(2L, count(d), "the concurrent commit is visible afterwards");
  }

  /** Waits for another thread's work, rethrowing its failure unchecked (work lambdas may only throw SQLException). */
  static <T> T finish(CompletableFuture<T> f) {
    try {
      return f.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new AssertionError("the other thread failed: " + e.getCause(), e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the other thread did not finish within " + WAIT_SECONDS + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static void await(CountDownLatch latch) {
    try {
      if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new AssertionError("timed out waiting for the other thread");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
