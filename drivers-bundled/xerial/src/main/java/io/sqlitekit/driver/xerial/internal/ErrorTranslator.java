package io.sqlitekit.driver.xerial.internal;

import io.sqlitekit.spi.error.ConstraintViolationException;
import io.sqlitekit.spi.error.DataAccessException;
import io.sqlitekit.spi.error.DuplicateKeyException;
import io.sqlitekit.spi.error.ReadOnlyException;
import io.sqlitekit.spi.error.RepositoryException;
import io.sqlitekit.spi.error.SqliteResultCode;
import io.sqlitekit.spi.error.TransientConflictException;
import io.sqlitekit.support.driver.SqliteMessages;
import java.sql.SQLException;
import java.util.Locale;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Internal, not API, may change. Maps sqlite-jdbc's {@link SQLException}s onto the typed exception family.
 *
 * <p>Message shape: sqlite-jdbc reports {@code [SQLITE_CONSTRAINT_UNIQUE] A UNIQUE constraint failed
 * (UNIQUE constraint failed: users.email)}: the extended code in brackets (decoded by
 * {@link SqliteResultCode#of(Throwable)}), a fixed description, and SQLite's own message in the last
 * parentheses. SQLite's constraint messages name tables, columns and CHECK expressions from the schema,
 * never the offending values, so they may be repeated; other SQLite messages are kept only for the generic
 * {@link DataAccessException}.
 *
 * @since 0.1.0
 */
final class ErrorTranslator {
  private static final String READONLY_TEXT = "attempt to write a readonly database";

  private ErrorTranslator() {
  }

  /**
   * Translates a failure.
   *
   * @param error the driver's exception
   * @param what the attempted work, for the message
   * @return the typed exception with {@code error} as cause
   */
  static RepositoryException translate(SQLException error, String what) {
    SqliteResultCode code = code(error);
    String detail = sqliteMessage(error.getMessage());
    if (code.isDuplicateKey()) {
      return new DuplicateKeyException(SqliteMessages.duplicateKey(what, detail), error);
    }
    if (code.isConstraint()) {
      return new ConstraintViolationException(constraintMessage(what, code, detail), error);
    }
    if (code.isTransient()) {
      return new TransientConflictException(String.format(Locale.ROOT,
          "%s: the database is busy or locked (another connection held it beyond the busy timeout);"
              + " nothing was applied, the call may be retried", what), error);
    }
    if (code == SqliteResultCode.READONLY
        || (detail != null && detail.toLowerCase(Locale.ROOT).contains(READONLY_TEXT))) {
      return new ReadOnlyException(String.format(Locale.ROOT,
          "%s: the database is read-only (read-only file, read-only connection or query_only)", what), error);
    }
    return new DataAccessException(String.format(Locale.ROOT, "%s failed: %s", what,
        detail == null ? "SQLite error " + error.getErrorCode() : detail), error);
  }

  /**
   * Decodes the result code: sqlite-jdbc's own extended code when the exception carries one (it does
   * without enabling extended result codes), else the generic decoder (bracketed name, then error code).
   */
  static SqliteResultCode code(SQLException error) {
    if (error instanceof SQLiteException) {
      SQLiteErrorCode nativeCode = ((SQLiteException) error).getResultCode();
      if (nativeCode != null) {
        SqliteResultCode c = SqliteResultCode.of(nativeCode.code);
        if (c != SqliteResultCode.NONE) {
          return c;
        }
      }
    }
    return SqliteResultCode.of(error);
  }

  private static String constraintMessage(String what, SqliteResultCode code, String detail) {
    String kind;
    switch (code) {
      case CONSTRAINT_NOTNULL:
        kind = "NOT NULL";
        break;
      case CONSTRAINT_CHECK:
        kind = "CHECK";
        break;
      case CONSTRAINT_FOREIGNKEY:
        kind = "FOREIGN KEY";
        break;
      case CONSTRAINT_TRIGGER:
        kind = "trigger";
        break;
      default:
        kind = null;
        break;
    }
    if (detail == null) {
      return String.format(Locale.ROOT, "%s: %s constraint failed", what, kind == null ? "a" : kind);
    }
    return String.format(Locale.ROOT, "%s: %s", what, detail);
  }

  /**
   * Extracts SQLite's own message from sqlite-jdbc's {@code [CODE] description (message)} text.
   *
   * @param message the exception message, possibly null
   * @return SQLite's message, or the whole message when it has another shape, or null
   */
  static String sqliteMessage(String message) {
    if (message == null) {
      return null;
    }
    if (!message.startsWith("[SQLITE_")) {
      return message;
    }
    int close = message.indexOf(']');
    int open = close < 0 ? -1 : message.indexOf(" (", close);
    if (open < 0 || !message.endsWith(")")) {
      return close < 0 ? message : message.substring(close + 1).trim();
    }
    return message.substring(open + 2, message.length() - 1);
  }
}
