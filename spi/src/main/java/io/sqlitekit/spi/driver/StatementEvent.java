package io.sqlitekit.spi.driver;

import java.util.Objects;

/**
 * One finished statement, as reported to a {@link StatementListener}.
 *
 * @param sql the SQL text (with {@code ?} placeholders; values are never reported)
 * @param kind how it ran
 * @param paramCount the parameters bound per execution
 * @param executions how often it ran: the parameter rows of a {@link Kind#BATCH}, else 1
 * @param nanos the elapsed time from binding until the statement was reset (for a query this includes its
 *     reader)
 * @param rows rows read by the reader ({@link Kind#QUERY}), rows changed ({@link Kind#UPDATE}, summed for a
 *     {@link Kind#BATCH}), 0 for {@link Kind#SCRIPT} and {@link Kind#TRANSACTION}
 * @param failure what the statement failed with, or null when it succeeded
 * @since 0.1.0
 */
public record StatementEvent(String sql, Kind kind, int paramCount, int executions, long nanos, long rows,
    Throwable failure) {
  /**
   * Validates the event.
   *
   * @throws NullPointerException if {@code sql} or {@code kind} is null
   */
  public StatementEvent {
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(kind, "kind");
  }

  /**
   * Returns whether the statement succeeded.
   *
   * @return true when {@link #failure()} is null
   */
  public boolean succeeded() {
    return failure == null;
  }

  /** How a statement ran. */
  public enum Kind {
    /** {@link SqlSession#query}. */
    QUERY,
    /** {@link SqlSession#update}. */
    UPDATE,
    /** {@link SqlSession#batch}. */
    BATCH,
    /** {@link SqlSession#executeScript}. */
    SCRIPT,
    /** Transaction control the driver runs itself: BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE. */
    TRANSACTION
  }
}
