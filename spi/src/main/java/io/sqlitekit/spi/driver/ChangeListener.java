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

  /**
   * Returns a listener that hears only of one table: a complete batch is narrowed to that table's row changes
   * (and dropped when it has none); an incomplete batch (tables unknown) is passed on as it is, since the table
   * may have changed.
   *
   * <pre>{@code
   * ChangeSubscription s = kit.driver().watch(ChangeListener.forTable("orders", b -> refresh(b.changes())),
   *     Duration.ofSeconds(1));
   * }</pre>
   *
   * @param table the table's name (compared case-insensitively, as SQLite does)
   * @param listener the listener for that table
   * @return the filtering listener
   * @since 0.2.0
   */
  static ChangeListener forTable(String table, ChangeListener listener) {
    java.util.Objects.requireNonNull(table, "table");
    java.util.Objects.requireNonNull(listener, "listener");
    return batch -> {
      if (!batch.complete()) {
        listener.onChange(batch);
        return;
      }
      java.util.List<RowChange> mine = new java.util.ArrayList<>();
      for (RowChange c : batch.changes()) {
        if (c.table().equalsIgnoreCase(table)) {
          mine.add(c);
        }
      }
      if (!mine.isEmpty()) {
        listener.onChange(new ChangeBatch(mine, true, batch.external()));
      }
    };
  }
}
