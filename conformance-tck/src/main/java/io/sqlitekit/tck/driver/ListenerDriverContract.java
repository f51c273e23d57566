package io.sqlitekit.tck.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.driver.StatementEvent;
import io.sqlitekit.spi.error.DuplicateKeyException;
import io.sqlitekit.tck.DriverContractTest;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The statement listener of {@link io.sqlitekit.spi.driver.DriverOptions}: every statement a session runs is
 * reported once it finished, with its SQL text, kind, parameter count, executions and row count, failures
 * included, and never a parameter value.
 */
class ListenerDriverContract extends DriverContractSupport {
  private static final String SECRET = "s3cr3t-value-never-logged";

  @DriverContractTest
  void everyStatement_isReportedOnce_withItsShape_neverItsValues(DriverFixture f) {
    SqliteDriver d = withTable(f.driver());
    f.clearEvents();
    d.write(s -> s.update(INSERT, List.of(SECRET, 1L)));
    d.write(s -> s.batch(INSERT, List.of(List.of("b", 2L), List.of("c", 3L))));
    long n = d.read(s -> s.query("SELECT k FROM tck_kv WHERE v > ?", List.of(0L), rs -> {
      long rows = 0;
      while (rs.next()) {
        rows++;
      }
      return rows;
    }));
    assertEquals(3, n);
    List<StatementEvent> app = f.events().stream().filter(e -> e.kind() != StatementEvent.Kind.TRANSACTION)
        .collect(Collectors.toList());
    assertEquals(List.of(StatementEvent.Kind.UPDATE, StatementEvent.Kind.BATCH, StatementEvent.Kind.QUERY),
        app.stream().map(StatementEvent::kind).collect(Collectors.toList()), "one event per statement: " + app);
    StatementEvent insert = app.get(0);
    assertEquals(INSERT, insert.sql());
    assertEquals(2, insert.paramCount());
    assertEquals(1, insert.executions());
    assertEquals(1, insert.rows());
    assertTrue(insert.succeeded());
    StatementEvent batch = app.get(1);
    assertEquals(2, batch.executions());
    assertEquals(2, batch.rows(), "rows changed, summed over the batch");
    StatementEvent query = app.get(2);
    assertEquals(3, query.rows(), "rows read by the reader");
    assertTrue(query.nanos() >= 0);
    for (StatementEvent e : f.events()) {
      assertFalse(e.toString().contains(SECRET), "a parameter value reached the listener: " + e);
    }
  }

  @DriverContractTest
  void failingStatement_isReportedWithItsFailure(DriverFixture f) {
    SqliteDriver d = withTable(f.driver());
    put(d, "a", 1);
    f.clearEvents();
    assertThrows(DuplicateKeyException.class, () -> put(d, "a", 2));
    List<StatementEvent> failed = f.events().stream().filter(e -> !e.succeeded()).collect(Collectors.toList());
    assertEquals(1, failed.size(), "exactly the failing statement: " + f.events());
    assertEquals(INSERT, failed.get(0).sql());
    assertNotNull(failed.get(0).failure());
  }
}
