package io.sqlitekit.spi.driver;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One finished statement, as reported to a {@link StatementListener}.
 *
 * @param sql the SQL text (with {@code ?} placeholders; values are never part of it)
 * @param kind how it ran
 * @param paramCount the parameters bound per execution
 * @param executions how often it ran: the parameter rows of a {@link Kind#BATCH}, else 1
 * @param nanos the elapsed time from binding until the statement was reset (for a query this includes its
 *     reader)
 * @param rows rows read by the reader ({@link Kind#QUERY}), rows changed ({@link Kind#UPDATE}, summed for a
 *     {@link Kind#BATCH}), 0 for {@link Kind#SCRIPT} and {@link Kind#TRANSACTION}
 * @param failure what the statement failed with, or null when it succeeded
 * @param values the bound values, one list per execution (one for a query or update, one per row of a batch);
 *     empty unless the listener {@link StatementListener#wantsValues() asked for values} and the driver
 *     captures them (since 0.2.0)
 * @since 0.1.0
 */
public record StatementEvent(String sql, Kind kind, int paramCount, int executions, long nanos, long rows,
    Throwable failure, List<List<?>> values) {
  /**
   * Validates the event; null values count as none.
   *
   * @throws NullPointerException if {@code sql} or {@code kind} is null
   */
  public StatementEvent {
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(kind, "kind");
    values = values == null ? List.of() : values;
  }

  /**
   * Creates an event without values (the form every listener receives unless it asked for values).
   *
   * @param sql the SQL text
   * @param kind how it ran
   * @param paramCount the parameters bound per execution
   * @param executions how often it ran
   * @param nanos the elapsed time
   * @param rows rows read or changed
   * @param failure the failure, or null
   */
  public StatementEvent(String sql, Kind kind, int paramCount, int executions, long nanos, long rows,
      Throwable failure) {
    this(sql, kind, paramCount, executions, nanos, rows, failure, List.of());
  }

  /**
   * Captures one execution's values for an event, for drivers: a copy when the listener
   * {@link StatementListener#wantsValues() wants values}, else an empty list and no copy.
   *
   * @param listener the driver's listener, or null
   * @param params the values bound (may contain nulls)
   * @return the {@link #values()} of the event
   * @since 0.2.0
   */
  public static List<List<?>> captureValues(StatementListener listener, List<?> params) {
    if (listener == null || params.isEmpty() || !listener.wantsValues()) {
      return List.of();
    }
    return List.of(copy(params));
  }

  /**
   * Captures a batch's values for an event, one list per row, for drivers: copies only when the listener
   * {@link StatementListener#wantsValues() wants values}.
   *
   * @param listener the driver's listener, or null
   * @param rows the values bound per execution
   * @return the {@link #values()} of the event
   * @since 0.2.0
   */
  public static List<List<?>> captureBatchValues(StatementListener listener, List<? extends List<?>> rows) {
    if (listener == null || !listener.wantsValues()) {
      return List.of();
    }
    List<List<?>> out = new ArrayList<>(rows.size());
    for (List<?> row : rows) {
      out.add(copy(row));
    }
    return Collections.unmodifiableList(out);
  }

  private static List<?> copy(List<?> params) {
    return Collections.unmodifiableList(new ArrayList<>(params)); // values may be null: not List.copyOf
  }

  /**
   * Returns this event without its values, for listeners that did not ask for them.
   *
   * @return this event when it has no values, else a copy with none
   * @since 0.2.0
   */
  public StatementEvent withoutValues() {
    return values.isEmpty() ? this
        : new StatementEvent(sql, kind, paramCount, executions, nanos, rows, failure, List.of());
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
