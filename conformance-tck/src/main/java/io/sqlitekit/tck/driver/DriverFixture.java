package io.sqlitekit.tck.driver;

import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.driver.StatementEvent;
import java.util.List;

/**
 * What a driver contract test gets: the driver under test over a fresh, empty database, a way to open more,
 * and the statements the driver reported to its listener. Everything opened through it is closed after the test.
 *
 * @since 0.2.0
 */
public interface DriverFixture {
  /**
   * Returns the name of the harness under test.
   *
   * @return the name
   */
  String harnessName();

  /**
   * Returns the driver of this test, opened with a statement listener that records into {@link #events()}.
   *
   * @return the driver; the same one on every call
   */
  SqliteDriver driver();

  /**
   * Opens one more driver over another fresh, empty database (for the close scenarios, which end a driver).
   *
   * @return the new driver, closed after the test unless the test closed it
   */
  SqliteDriver openAnother();

  /**
   * Returns the statements {@link #driver()} reported so far, in order.
   *
   * @return a snapshot of the events
   */
  List<StatementEvent> events();

  /** Forgets the recorded events, so a scenario can look at the statements of one call only. */
  void clearEvents();
}
