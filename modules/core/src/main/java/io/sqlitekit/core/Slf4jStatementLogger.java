package io.sqlitekit.core;

import io.sqlitekit.spi.driver.StatementEvent;
import io.sqlitekit.spi.driver.StatementListener;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every statement the driver runs, with its duration, at DEBUG on one SLF4J logger (default
 * {@value #DEFAULT_LOGGER}): {@code SqliteKit.builder().statementListener(new Slf4jStatementLogger())}.
 *
 * <p>A line reads {@code 0.412 ms UPDATE 1 row: UPDATE "users" SET "email" = ? WHERE "id" = ?}; a failed statement
 * adds {@code failed: <exception>}. The SQL keeps its {@code ?} placeholders: statement events never carry
 * parameter values, so values are never logged. With DEBUG off the listener only checks the level.
 * Thread-safe.
 *
 * @since 0.2.0
 */
public final class Slf4jStatementLogger implements StatementListener {
  /** The logger name used by the no-argument constructor. */
  public static final String DEFAULT_LOGGER = "io.sqlitekit.sql";

  private final Logger log;

  /** Creates a logger on {@value #DEFAULT_LOGGER}. */
  public Slf4jStatementLogger() {
    this(DEFAULT_LOGGER);
  }

  /**
   * Creates a logger on the named SLF4J logger.
   *
   * @param loggerName the logger's name
   */
  public Slf4jStatementLogger(String loggerName) {
    this.log = LoggerFactory.getLogger(Objects.requireNonNull(loggerName, "loggerName"));
  }

  @Override
  public void onStatement(StatementEvent event) {
    if (log.isDebugEnabled()) {
      log.debug(describe(event));
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
    StringBuilder sb = new StringBuilder(64 + e.sql().length());
    sb.append(String.format(Locale.ROOT, "%.3f ms %s", e.nanos() / 1_000_000.0, e.kind()));
    if (e.kind() != StatementEvent.Kind.TRANSACTION && e.kind() != StatementEvent.Kind.SCRIPT) {
      sb.append(' ').append(e.rows()).append(e.rows() == 1 ? " row" : " rows");
    }
    if (e.kind() == StatementEvent.Kind.BATCH) {
      sb.append(" in ").append(e.executions()).append(" executions");
    }
    sb.append(": ").append(e.sql());
    if (!e.succeeded()) {
      sb.append(" failed: ").append(e.failure());
    }
    return sb.toString();
  }
}
