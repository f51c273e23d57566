package io.sqlitekit.spi.driver;

import java.sql.SQLException;

/**
 * The cursor of one {@link SqlSession#query}, positioned before the first row: {@link #next()} moves to the
 * next row, and the {@link Row} methods read the current one. Valid only inside {@link RowReader#read}: used
 * after the reader returned, it fails with {@link IllegalStateException}.
 *
 * @since 0.1.0
 */
public interface Rows extends Row {
  /**
   * Moves to the next row.
   *
   * @return false when there is none (the cursor is then past its end)
   * @throws SQLException on a failing step (for example a constraint violated by {@code … RETURNING})
   */
  boolean next() throws SQLException;
}
