package io.sqlitekit.spi.driver;

/**
 * A registration made by {@link SqliteDriver#watch}; closing it stops delivery to its listener (and, for the
 * last subscription polling for external commits, stops the polling). Idempotent.
 *
 * @since 0.2.0
 */
public interface ChangeSubscription extends AutoCloseable {
  /** Stops delivery to this subscription's listener. */
  @Override
  void close();
}
