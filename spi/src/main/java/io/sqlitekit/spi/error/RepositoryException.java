package io.sqlitekit.spi.error;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Root of every failure a sqlitekit repository reports.
 *
 * <p>Each exception carries a stable {@link ErrorCode} and HTTP status and converts to an
 * {@link ErrorContract} for web layers. When the failure came from SQLite, the driver's exception stays
 * available as the {@linkplain #getCause() cause} and its result code as {@link #sqliteCode()}.
 * Messages name fields, tables and SQL shapes, never bound values or row data.
 *
 * <p>Programming errors are not repository errors: a null argument throws {@link NullPointerException}
 * and a malformed argument {@link IllegalArgumentException}, unwrapped.
 *
 * @since 0.1.0
 */
public abstract class RepositoryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final SqliteResultCode sqliteCode;

  /**
   * Creates an exception with a code and message.
   *
   * @param code the stable code
   * @param message the message
   */
  protected RepositoryException(ErrorCode code, String message) {
    this(code, message, null);
  }

  /**
   * Creates an exception with a code, message and cause; the SQLite result code is decoded from the cause.
   *
   * @param code the stable code
   * @param message the message
   * @param cause the underlying failure, or null
   */
  protected RepositoryException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
    this.sqliteCode = cause == null ? SqliteResultCode.NONE : SqliteResultCode.of(cause);
  }

  /**
   * Returns the stable error code.
   *
   * @return the code
   */
  public ErrorCode code() {
    return code;
  }

  /**
   * Returns the HTTP status a web layer should answer with.
   *
   * @return the status of {@link #code()}
   */
  public int httpStatus() {
    return code.httpStatus();
  }

  /**
   * Returns the SQLite result code decoded from the cause.
   *
   * @return the code, or {@link SqliteResultCode#NONE} when the failure did not come from SQLite
   */
  public SqliteResultCode sqliteCode() {
    return sqliteCode;
  }

  /**
   * Returns whether retrying the same call may succeed (the database was busy or locked).
   *
   * @return true for transient conflicts
   */
  public boolean isTransient() {
    return code == ErrorCode.TRANSIENT_CONFLICT || sqliteCode.isTransient();
  }

  /**
   * Returns details for the error contract; subclasses add per-field details.
   *
   * @return the details, never null
   */
  protected List<ErrorDetail> details() {
    return List.of();
  }

  /**
   * Returns structured metadata for the error contract; subclasses add their own.
   *
   * @return the metadata, never null
   */
  protected Map<String, Object> meta() {
    return Map.of();
  }

  /**
   * Converts this exception to the flat error shape returned to clients.
   *
   * @return the contract
   */
  public ErrorContract toContract() {
    String message = getMessage() == null ? code.wireName() : getMessage();
    return new ErrorContract(code.wireName(), message, httpStatus(), details(), meta());
  }
}
