package io.sqlitekit.core;

import io.sqlitekit.spi.driver.StatementEvent;
import io.sqlitekit.spi.driver.StatementListener;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every statement the driver runs, with its duration, at DEBUG on one SLF4J logger (default
 * {@value #DEFAULT_LOGGER}): {@code SqliteKit.builder().statementListener(new Slf4jStatementLogger())}.
 *
 * <p>A line reads {@code 0.412 ms UPDATE 1 row: UPDATE "users" SET "email" = ? WHERE "id" = ?}; a failed statement
 * adds {@code failed: <exception>}. The SQL keeps its {@code ?} placeholders and values are not logged: they can
 * be personal data or secrets. For a diagnosis, {@link #withValues()} returns a logger that appends them,
 * redacted ({@code values: ['a@example.com', 42, <blob 2048 bytes>, 'long text…(+930 chars)']}): the driver
 * copies values only for such a logger, and only while DEBUG is on. With DEBUG off the listener is inactive,
 * so the driver does not even time statements for it. Thread-safe.
 *
 * @since 0.2.0
 */
public final class Slf4jStatementLogger implements StatementListener {
  /** The logger name used by the no-argument constructor. */
  public static final String DEFAULT_LOGGER = "io.sqlitekit.sql";

  /** The text length {@link #withValues()} keeps of a string value. */
  public static final int DEFAULT_MAX_TEXT = 64;
  /** Batch rows whose values a line shows; the rest are counted. */
  private static final int MAX_ROWS = 10;

  private final Logger log;
  /** The longest string value logged in full, or -1 when values are off. */
  private final int maxText;

  /** Creates a logger on {@value #DEFAULT_LOGGER}, without values. */
  public Slf4jStatementLogger() {
    this(DEFAULT_LOGGER);
  }

  /**
   * Creates a logger on the named SLF4J logger, without values.
   *
   * @param loggerName the logger's name
   */
  public Slf4jStatementLogger(String loggerName) {
    this(LoggerFactory.getLogger(Objects.requireNonNull(loggerName, "loggerName")), -1);
  }

  private Slf4jStatementLogger(Logger log, int maxText) {
    this.log = log;
    this.maxText = maxText;
  }

  /**
   * Returns a logger on the same SLF4J logger that also logs each statement's bound values, redacted: a BLOB as
   * its length, a string longer than {@value #DEFAULT_MAX_TEXT} characters cut there with the number of
   * characters left out, at most ten rows of a batch. An explicit opt-in for diagnosis; values can be personal
   * data.
   *
   * @return the logger with values
   */
  public Slf4jStatementLogger withValues() {
    return withValues(DEFAULT_MAX_TEXT);
  }

  /**
   * Returns a logger on the same SLF4J logger that also logs values, keeping at most {@code maxText}
   * characters of a string value; otherwise as {@link #withValues()}.
   *
   * @param maxText the longest string value logged in full
   * @return the logger with values
   * @throws IllegalArgumentException if {@code maxText} is negative
   */
  public Slf4jStatementLogger withValues(int maxText) {
    if (maxText < 0) {
      throw new IllegalArgumentException("maxText must not be negative: " + maxText);
    }
    return new Slf4jStatementLogger(log, maxText);
  }

  /**
   * Returns whether this logger logs values.
   *
   * @return true for a logger from {@link #withValues()}
   */
  public boolean logsValues() {
    return maxText >= 0;
  }

  /** Inactive while DEBUG is off: the driver then neither times nor reports statements for this logger. */
  @Override
  public boolean active() {
    return log.isDebugEnabled();
  }

  /** True only for a logger from {@link #withValues()}, and only while DEBUG is on. */
  @Override
  public boolean wantsValues() {
    return maxText >= 0 && log.isDebugEnabled();
  }

  @Override
  public void onStatement(StatementEvent event) {
    if (log.isDebugEnabled()) {
      log.debug(maxText >= 0 ? describe(event, maxText) : describe(event));
    }
  }

  /**
   * Returns the line logged for an event: duration in milliseconds, kind, rows (and executions of a batch), SQL,
   * and the failure if there was one.
   *
   * @param e the event
   * @return the line
   */
  public static String describe(StatementEvent e) {
    return describe(e, -1);
  }

  /**
   * Returns the line {@link #withValues(int)} logs: {@link #describe(StatementEvent)} followed by the event's
   * values, redacted (BLOBs as their length, strings cut at {@code maxText} characters, at most ten batch rows).
   *
   * @param e the event
   * @param maxText the longest string value shown in full, or negative for no values
   * @return the line
   */
  public static String describe(StatementEvent e, int maxText) {
    StringBuilder sb = new StringBuilder(64 + e.sql().length());
    sb.append(String.format(Locale.ROOT, "%.3f ms %s", e.nanos() / 1_000_000.0, e.kind()));
    if (e.kind() != StatementEvent.Kind.TRANSACTION && e.kind() != StatementEvent.Kind.SCRIPT) {
      sb.append(' ').append(e.rows()).append(e.rows() == 1 ? " row" : " rows");
    }
    if (e.kind() == StatementEvent.Kind.BATCH) {
      sb.append(" in ").append(e.executions()).append(" executions");
    }
    sb.append(": ").append(e.sql());
    if (maxText >= 0 && !e.values().isEmpty()) {
      appendValues(sb, e.values(), maxText);
    }
    if (!e.succeeded()) {
      sb.append(" failed: ").append(e.failure());
    }
    return sb.toString();
  }

  private static void appendValues(StringBuilder sb, List<List<?>> rows, int maxText) {
    sb.append(" values: ");
    int shown = Math.min(rows.size(), MAX_ROWS);
    for (int r = 0; r < shown; r++) {
      if (r > 0) {
        sb.append(", ");
      }
      sb.append('[');
      List<?> row = rows.get(r);
      for (int i = 0; i < row.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        appendValue(sb, row.get(i), maxText);
      }
      sb.append(']');
    }
    if (rows.size() > shown) {
      sb.append(" … ").append(rows.size() - shown).append(" more rows");
    }
  }

  /** One value, redacted: the bytes of a BLOB are never logged, long text is cut. */
  private static void appendValue(StringBuilder sb, Object v, int maxText) {
    if (v == null) {
      sb.append("NULL");
    } else if (v instanceof byte[]) {
      sb.append("<blob ").append(((byte[]) v).length).append(" bytes>");
    } else if (v instanceof CharSequence) {
      String text = v.toString();
      if (text.length() <= maxText) {
        sb.append('\'').append(text).append('\'');
      } else {
        sb.append('\'').append(text, 0, maxText).append("…(+").append(text.length() - maxText).append(" chars)'");
      }
    } else {
      sb.append(v);
    }
  }
}
