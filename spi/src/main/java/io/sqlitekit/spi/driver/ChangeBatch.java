package io.sqlitekit.spi.driver;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link ChangeListener} receives: the rows one committed transaction changed, or a notice that
 * something outside this driver committed.
 *
 * <p>A {@linkplain #complete() complete} batch lists every row change of one transaction of this driver, in
 * the order SQLite made them. An incomplete batch says "something changed, the tables are not known": another
 * connection or process committed (seen through {@code PRAGMA data_version}), or a transaction of this driver
 * changed rows the update hook does not report (a {@code WITHOUT ROWID} table, a {@code DELETE} without
 * {@code WHERE} that SQLite runs as a truncation). Listeners that keep derived state (a cache) must then treat
 * every table as changed.
 *
 * @param changes the reported row changes, possibly empty
 * @param complete true when {@code changes} is the whole story
 * @param external true when the change was committed by another connection or process
 * @since 0.2.0
 */
public record ChangeBatch(List<RowChange> changes, boolean complete, boolean external) {
  /**
   * Copies the change list.
   *
   * @throws NullPointerException if {@code changes} is null
   */
  public ChangeBatch {
    changes = List.copyOf(Objects.requireNonNull(changes, "changes"));
  }

  /**
   * Returns the notice that another connection or process committed an unknown change.
   *
   * @return an incomplete, external batch without row changes
   */
  public static ChangeBatch externalCommit() {
    return new ChangeBatch(List.of(), false, true);
  }

  /**
   * Returns whether the batch may include a change of the table: true when it lists a change of it (names
   * compared case-insensitively, as SQLite does) or when it is incomplete.
   *
   * @param table the table's name
   * @return whether the table may have changed
   */
  public boolean mayAffect(String table) {
    Objects.requireNonNull(table, "table");
    if (!complete) {
      return true;
    }
    for (RowChange c : changes) {
      if (c.table().equalsIgnoreCase(table)) {
        return true;
      }
    }
    return false;
  }
}
