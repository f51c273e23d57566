package io.sqlitekit.spi.driver;

/**
 * Receives committed changes from {@link SqliteDriver#watch}.
 *
 * <p>Called after the commit, never for work that rolled back (a rolled-back savepoint's rows are dropped
 * from its transaction's batch). Changes of this driver's own transactions are delivered on the committing
 * thread before its {@code write} call returns, so a write's caller finds its listeners already notified;
 * external commits are delivered on the driver's polling thread. A listener must be quick and thread-safe;
 * what it throws is logged and does not affect the commit or other listeners.
 *
 * @since 0.2.0
 */
@FunctionalInterface
public interface ChangeListener {
  /**
   * Handles one batch of committed changes.
   *
   * @param batch the changes
   */
  void onChange(ChangeBatch batch);
}
