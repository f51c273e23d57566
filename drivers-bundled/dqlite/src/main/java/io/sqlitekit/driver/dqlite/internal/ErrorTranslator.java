package io.sqlitekit.driver.dqlite.internal;

import io.sqlitekit.spi.error.ConstraintViolationException;
import io.sqlitekit.spi.error.DataAccessException;
import io.sqlitekit.spi.error.DuplicateKeyException;
import io.sqlitekit.spi.error.OperationNotSupportedException;
import io.sqlitekit.spi.error.OutcomeUnknownException;
import io.sqlitekit.spi.error.ReadOnlyException;
import io.sqlitekit.spi.error.RepositoryException;
import io.sqlitekit.spi.error.SqliteResultCode;
import io.sqlitekit.spi.error.TransientConflictException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.support.driver.SqliteMessages;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Internal, not API, may change. Maps a dqlite session's {@link SQLException}s onto the typed family.
 *
 * <p>dqlite's server messages are SQLite's own ({@code UNIQUE constraint failed: users.email}), which name
 * schema objects, never values. A lost connection inside a transaction that was not committing means the
 * leader rolled it back (dqlite replicates only at commit), so it is a transient conflict with nothing
 * applied; a lost COMMIT is decided by the driver, which throws {@link OutcomeUnknownException} itself.
 *
 * @since 0.1.0
 */
final class ErrorTranslator {
  private ErrorTranslator() {
  }

  static RepositoryException translate(SQLException error, String what) {
    if (error instanceof DqliteSqlException d) {
      switch (d.kind()) {
        case NOT_LEADER:
          return new TransientConflictException(String.format(Locale.ROOT,
              "%s: the dqlite leader changed (%s); the transaction was rolled back, nothing was applied and the"
                  + " call may be retried", what, d.getMessage()), error);
        case LOST_UNSENT:
        case LOST_SENT:
          return new TransientConflictException(String.format(Locale.ROOT,
              "%s: the connection to the dqlite leader was lost before the commit (%s); the transaction was"
                  + " rolled back, nothing was applied and the call may be retried", what, d.getMessage()), error);
        case NO_LEADER:
          return new DataAccessException(String.format(Locale.ROOT,
              "%s: no dqlite leader reachable (nodes down or quorum lost); nothing was applied: %s", what,
              d.getMessage()), error);
        case UNSUPPORTED:
          return new OperationNotSupportedException(String.format(Locale.ROOT, "%s: %s", what, d.getMessage()),
              error);
        case REFUSED:
          return new ValidationException(null, String.format(Locale.ROOT, "%s: refused before sending: %s", what,
              d.getMessage()), error);
        case READ_ONLY:
          return new ReadOnlyException(String.format(Locale.ROOT, "%s: %s", what, d.getMessage()), error);
        default:
          break;
      }
    }
    SqliteResultCode code = SqliteResultCode.of(error.getErrorCode());
    String detail = error.getMessage();
    if (code.isDuplicateKey()) {
      return new DuplicateKeyException(SqliteMessages.duplicateKey(what, detail), error);
    }
    if (code.isConstraint()) {
      return new ConstraintViolationException(detail == null ? what + ": a constraint failed"
          : what + ": " + detail, error);
    }
    if (code.isTransient()) {
      return new TransientConflictException(String.format(Locale.ROOT,
          "%s: the database is busy or locked (another connection held its write lock beyond the busy retry);"
              + " nothing was applied, the call may be retried", what), error);
    }
    if (code == SqliteResultCode.READONLY
        || (detail != null && detail.toLowerCase(Locale.ROOT).contains("attempt to write a readonly database"))) {
      return new ReadOnlyException(what + ": the database or connection is read-only", error);
    }
    return new DataAccessException(String.format(Locale.ROOT, "%s failed: %s", what,
        detail == null ? "SQLite error " + error.getErrorCode() : detail), error);
  }
}
