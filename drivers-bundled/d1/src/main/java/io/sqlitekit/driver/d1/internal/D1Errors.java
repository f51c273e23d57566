package io.sqlitekit.driver.d1.internal;

import io.sqlitekit.d1.client.D1AuthenticationException;
import io.sqlitekit.d1.client.D1ConnectionException;
import io.sqlitekit.d1.client.D1DatabaseNotFoundException;
import io.sqlitekit.d1.client.D1Exception;
import io.sqlitekit.d1.client.D1HttpException;
import io.sqlitekit.d1.client.D1OutcomeUnknownException;
import io.sqlitekit.d1.client.D1PrecisionException;
import io.sqlitekit.d1.client.D1ProtocolException;
import io.sqlitekit.d1.client.D1SqlException;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.ConstraintViolationException;
import io.sqlitekit.spi.error.DataAccessException;
import io.sqlitekit.spi.error.DuplicateKeyException;
import io.sqlitekit.spi.error.OperationNotSupportedException;
import io.sqlitekit.spi.error.OutcomeUnknownException;
import io.sqlitekit.spi.error.RepositoryException;
import io.sqlitekit.spi.error.SqliteResultCode;
import io.sqlitekit.spi.error.TransientConflictException;
import io.sqlitekit.spi.error.ValidationException;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Internal, not API, may change. Maps the D1 client's failures onto the kit's exception family. Messages name
 * D1 and repeat only D1's SQL message (schema names, never values) or the client's message (which never holds
 * parameter values or the token).
 *
 * <table>
 *   <caption>mapping</caption>
 *   <tr><th>client</th><th>kit</th></tr>
 *   <tr><td>SQL: unique / primary key</td><td>{@link DuplicateKeyException}</td></tr>
 *   <tr><td>SQL: NOT NULL, CHECK, FOREIGN KEY, other constraint</td><td>{@link ConstraintViolationException}</td></tr>
 *   <tr><td>SQL: too many parameters, text too long</td><td>{@link ValidationException}</td></tr>
 *   <tr><td>SQL: BEGIN / SAVEPOINT refused</td><td>{@link OperationNotSupportedException}</td></tr>
 *   <tr><td>SQL: syntax, no such table/column, other</td><td>{@link DataAccessException}</td></tr>
 *   <tr><td>401/403, database not found</td><td>{@link ConfigurationException}</td></tr>
 *   <tr><td>429 / 5xx left after retries, connection refused before sending, read timeout</td>
 *       <td>{@link TransientConflictException} (nothing applied)</td></tr>
 *   <tr><td>outcome unknown (a write sent, no definite answer)</td><td>{@link OutcomeUnknownException}</td></tr>
 *   <tr><td>malformed answer, rounded integer</td><td>{@link DataAccessException}</td></tr>
 * </table>
 */
final class D1Errors {
  private D1Errors() {
  }

  /**
   * Translates a failure of work run on D1.
   *
   * @param error the failure
   * @param what the attempted work
   * @return the typed exception with {@code error} as cause
   */
  static RepositoryException translate(SQLException error, String what) {
    if (error instanceof D1Failure) {
      return translate(((D1Failure) error).d1(), what, error);
    }
    // Any other SQLException (from a caller's own work) still maps by its SQLite result code, as on every driver.
    SqliteResultCode code = SqliteResultCode.of(error);
    if (code.isDuplicateKey()) {
      return new DuplicateKeyException(String.format(Locale.ROOT, "%s: duplicate key (%s)", what,
          error.getMessage()), error);
    }
    if (code.isConstraint()) {
      return new ConstraintViolationException(String.format(Locale.ROOT, "%s: %s", what, error.getMessage()), error);
    }
    if (code.isTransient()) {
      return new TransientConflictException(String.format(Locale.ROOT,
          "%s: the database is busy or locked; nothing was applied, the call may be retried", what), error);
    }
    return new DataAccessException(String.format(Locale.ROOT, "%s failed on Cloudflare D1: %s", what,
        error.getMessage()), error);
  }

  /** Translates a client exception; {@code cause} is what the typed exception carries. */
  static RepositoryException translate(D1Exception e, String what, Throwable cause) {
    if (e instanceof D1SqlException) {
      return sql((D1SqlException) e, what, cause);
    }
    if (e instanceof D1AuthenticationException) {
      return new ConfigurationException(String.format(Locale.ROOT,
          "%s: Cloudflare D1 refused the credentials (HTTP %d): the API token is missing, wrong, expired or lacks"
              + " the D1 permission; nothing was applied", what, ((D1HttpException) e).status()), cause);
    }
    if (e instanceof D1DatabaseNotFoundException) {
      return new ConfigurationException(String.format(Locale.ROOT,
          "%s: the Cloudflare D1 database was not found (check the account and database id or name in the URL);"
              + " nothing was applied", what), cause);
    }
    if (e instanceof D1HttpException) {
      int status = ((D1HttpException) e).status();
      if (status == 429 || status >= 500) {
        return new TransientConflictException(String.format(Locale.ROOT,
            "%s: Cloudflare D1 did not take the request (HTTP %d, rate limit or service failure); nothing was"
                + " applied, the call may be retried later", what, status), cause);
      }
      return new DataAccessException(String.format(Locale.ROOT, "%s: Cloudflare D1 refused the request (HTTP %d)",
          what, status), cause);
    }
    if (e instanceof D1OutcomeUnknownException) {
      return new OutcomeUnknownException(String.format(Locale.ROOT,
          "%s: outcome unknown: the write was sent to Cloudflare D1 but no definite answer came back (%s); it may"
              + " or may not have been applied, check before retrying", what,
          e.getCause() == null ? "no detail" : e.getCause().getClass().getSimpleName()), cause);
    }
    if (e instanceof D1ConnectionException) {
      return new TransientConflictException(String.format(Locale.ROOT,
          "%s: Cloudflare D1 could not be reached or did not answer in time (%s); nothing was applied, the call"
              + " may be retried", what, e.getMessage()), cause);
    }
    if (e instanceof D1PrecisionException) {
      return new DataAccessException(String.format(Locale.ROOT,
          "%s: Cloudflare D1 returned an integer beyond ±(2^53-1), which its JSON answer may have rounded: %s",
          what, e.getMessage()), cause);
    }
    if (e instanceof D1ProtocolException) {
      return new DataAccessException(String.format(Locale.ROOT,
          "%s: Cloudflare D1 sent an answer that is not D1's format: %s", what, e.getMessage()), cause);
    }
    return new DataAccessException(String.format(Locale.ROOT, "%s failed on Cloudflare D1: %s", what,
        e.getMessage()), cause);
  }

  private static RepositoryException sql(D1SqlException e, String what, Throwable cause) {
    String detail = e.serverMessage();
    switch (e.kind()) {
      case DUPLICATE_KEY:
        return new DuplicateKeyException(String.format(Locale.ROOT, "%s: duplicate key (%s)", what, detail), cause);
      case NOT_NULL:
      case CHECK:
      case FOREIGN_KEY:
      case CONSTRAINT:
        return new ConstraintViolationException(String.format(Locale.ROOT, "%s: %s", what, detail), cause);
      case LIMIT_EXCEEDED:
        return new ValidationException(null, String.format(Locale.ROOT,
            "%s: beyond a Cloudflare D1 limit (at most 100 bound parameters and 100,000 bytes of SQL per"
                + " request): %s", what, detail), cause);
      case TRANSACTION_REFUSED:
        return new OperationNotSupportedException(String.format(Locale.ROOT,
            "%s: Cloudflare D1 refuses transaction control statements (BEGIN, COMMIT, SAVEPOINT): it has no"
                + " interactive transactions", what), cause);
      default:
        return new DataAccessException(String.format(Locale.ROOT, "%s failed on Cloudflare D1: %s", what,
            detail), cause);
    }
  }
}
