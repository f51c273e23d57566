package io.sqlitekit.d1.client;

/**
 * A value D1 returned cannot be represented exactly. D1 turns every SQLite INTEGER into a JavaScript
 * number before it writes JSON, so an integer beyond ±(2<sup>53</sup>−1) arrives rounded to the nearest
 * double (9007199254740993 arrives as 9007199254740992, {@link Long#MAX_VALUE} as 9223372036854776000), and
 * a REAL with an integral value prints the same way. Rather than hand out a possibly rounded number, the
 * client throws this when such a cell (or {@code last_row_id}) is read.
 *
 * <p>The statement itself ran: for a write, its changes are applied. To read such values exactly, select
 * them as text ({@code CAST(col AS TEXT)}), which D1 passes through unchanged; values sent by this client
 * are always exact (integers are written as literals, not as JavaScript numbers).
 *
 * @since 0.1.0
 */
public final class D1PrecisionException extends D1Exception {
  private static final long serialVersionUID = 1L;

  /** The column of the inexact value. */
  private final String column;

  D1PrecisionException(String message, String endpoint, String column) {
    super(message, endpoint, null);
    this.column = column;
  }

  /**
   * The column whose value is not exact ({@code last_row_id} for the metadata field).
   *
   * @return the column name
   */
  public String column() {
    return column;
  }
}
