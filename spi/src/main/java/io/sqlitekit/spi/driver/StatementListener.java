package io.sqlitekit.spi.driver;

/**
 * Sees every statement a driver runs, after it finishes: one place for SQL logging, slow-statement reports
 * and tracing. Set it with {@link DriverOptions#withStatementListener} (or the kit builder).
 *
 * <p>Called on the thread that ran the statement, while it still holds its connection (and, for writes, the
 * writer lock): keep it short and never run statements from it. What it throws is logged by the driver and
 * otherwise ignored; it never changes the statement's outcome.
 *
 * <p>Parameter values are not reported unless the listener asks for them ({@link #wantsValues()}): a driver
 * copies them only then, so listening for SQL text costs no copy of the values. A listener that is not
 * {@link #active()} costs nothing at all: the driver neither times nor reports statements while it says so.
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

  /**
   * Returns whether the listener wants events at this moment. A driver asks before each statement and, when
   * the answer is false, skips timing and reporting it; so a listener that forwards to others which may come
   * later (the kit's own dispatch) costs nothing while there are none. Keep it a field read.
   *
   * @return true (the default) to receive the next statement
   * @since 0.2.0
   */
  default boolean active() {
    return true;
  }

  /**
   * Returns whether the listener wants the statement's parameter values in {@link StatementEvent#values()}.
   * Values can be personal data and secrets: ask only for an explicitly enabled diagnostic (see the kit's
   * SLF4J statement logger). A driver asks before each statement and copies the values only when the answer is
   * true; drivers that cannot capture values report none. Listeners plugins register never receive values.
   *
   * @return false (the default) to receive events without values
   * @since 0.2.0
   */
  default boolean wantsValues() {
    return false;
  }
}
