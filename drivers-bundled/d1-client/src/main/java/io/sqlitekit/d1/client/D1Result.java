package io.sqlitekit.d1.client;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The answer to one statement: its rows (all of them: D1's HTTP API answers in one piece, without cursors)
 * and D1's metadata.
 *
 * <p>Column names come from D1. On the local explorer they are taken from the first row's keys, so a
 * result without rows has no columns, two columns of the same name collapse into one, and a column whose
 * name is an integer ({@code SELECT 3 AS "1"}) moves to the front (measured with wrangler 4.86.0). Select
 * distinct, non-numeric names.
 *
 * @since 0.1.0
 */
public final class D1Result {
  private final List<String> columns;
  private final List<D1Row> rows;
  private final long changes;
  private final Object lastRowId;
  private final boolean changedDb;
  private final long rowsRead;
  private final long rowsWritten;
  private final Double durationMillis;
  private final String endpoint;

  D1Result(List<String> columns, List<D1Row> rows, long changes, Object lastRowId, boolean changedDb,
      long rowsRead, long rowsWritten, Double durationMillis, String endpoint) {
    this.columns = columns;
    this.rows = rows;
    this.changes = changes;
    this.lastRowId = lastRowId;
    this.changedDb = changedDb;
    this.rowsRead = rowsRead;
    this.rowsWritten = rowsWritten;
    this.durationMillis = durationMillis;
    this.endpoint = endpoint;
  }

  /**
   * The column names (see the class comment for the local explorer's quirks).
   *
   * @return the names, empty for a statement without result columns
   */
  public List<String> columns() {
    return columns;
  }

  /**
   * The rows, in the order D1 returned them.
   *
   * @return the rows, possibly empty
   */
  public List<D1Row> rows() {
    return rows;
  }

  /**
   * Calls {@code action} for each row in order: the row-callback form of {@link #rows()}.
   *
   * @param action what to do with a row
   */
  public void forEach(Consumer<? super D1Row> action) {
    rows.forEach(action);
  }

  /**
   * The rows changed by the request ({@code meta.changes}). For a multi-statement request D1 counts all
   * statements together.
   *
   * @return the count, 0 if D1 did not report it
   */
  public long changes() {
    return changes;
  }

  /**
   * D1's {@code meta.last_row_id}: the rowid of the most recent successful INSERT on D1's connection. D1
   * reports it for every statement, reads included, so it means something only right after an INSERT.
   *
   * @return the rowid, empty if D1 did not report it
   * @throws D1PrecisionException if the rowid is beyond ±(2<sup>53</sup>−1) and D1 may have rounded it
   */
  public OptionalLong lastRowId() {
    if (lastRowId instanceof D1Row.Inexact) {
      throw new D1PrecisionException("D1 reported last_row_id " + ((D1Row.Inexact) lastRowId).digits()
          + ", beyond ±(2^53-1): it may have been rounded; SELECT the rowid as text instead", endpoint,
          "last_row_id");
    }
    return lastRowId == null ? OptionalLong.empty() : OptionalLong.of((Long) lastRowId);
  }

  /**
   * D1's {@code meta.changed_db}: whether the request modified the database file.
   *
   * @return the flag, false if D1 did not report it
   */
  public boolean changedDb() {
    return changedDb;
  }

  /**
   * D1's {@code meta.rows_read} (what D1 bills).
   *
   * @return the count, 0 if not reported
   */
  public long rowsRead() {
    return rowsRead;
  }

  /**
   * D1's {@code meta.rows_written} (what D1 bills; index entries count too).
   *
   * @return the count, 0 if not reported
   */
  public long rowsWritten() {
    return rowsWritten;
  }

  /**
   * D1's {@code meta.duration}: time spent in the database, in milliseconds.
   *
   * @return the duration, empty if not reported
   */
  public OptionalDouble durationMillis() {
    return durationMillis == null ? OptionalDouble.empty() : OptionalDouble.of(durationMillis);
  }

  /** Shape and counts, never values. */
  @Override
  public String toString() {
    return "D1Result[columns=" + columns + ", rows=" + rows.size() + ", changes=" + changes + "]";
  }
}
