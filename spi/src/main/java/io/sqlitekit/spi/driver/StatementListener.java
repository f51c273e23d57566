package io.sqlitekit.spi.driver;

/**
 * Sees every statement a driver runs, after it finishes: one place for SQL logging, slow-statement reports
 * and tracing. Set it with {@link DriverOptions#withStatementListener} (or the kit builder).
 *
 * <p>Called on the thread that ran the statement, while it still holds its connection (and, for writes, the
 * writer lock): keep it short and never run statements from it. What it throws is logged by the driver and
 * otherwise ignored; it never changes the statement's outcome. It never sees parameter values.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface StatementListener {
  /**
   * Called once per finished statement.
   *
   * @param event what ran, how long it took and how it ended
   */
  void onStatement(StatementEvent event);
}
