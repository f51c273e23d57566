package io.sqlitekit.spi.error;

/**
 * Stable, machine-readable error codes carried by every {@link RepositoryException}.
 *
 * <p>The {@link #wireName() wire name} and {@link #httpStatus() HTTP status} of a constant never change
 * once released; web layers may switch on them.
 *
 * @since 0.1.0
 */
public enum ErrorCode {
  /** Input failed validation: unknown field, wrong value type, null into NOT NULL, empty update. */
  VALIDATION_ERROR("validation_error", 400),
  /** A URL query string or text spec could not be parsed. */
  QUERY_PARSE_ERROR("query_parse_error", 400),
  /** A pagination cursor is malformed, tampered with, or bound to another sort or table. */
  INVALID_CURSOR("invalid_cursor", 400),
  /** An operation that requires a tenant scope ran without one. */
  TENANT_REQUIRED("tenant_required", 403),
  /** A requested row does not exist (only thrown where a miss cannot be reported as a value). */
  NOT_FOUND("not_found", 404),
  /** A UNIQUE or PRIMARY KEY constraint rejected the write. */
  DUPLICATE_KEY("duplicate_key", 409),
  /** An optimistic-concurrency check found a different version than expected. */
  VERSION_CONFLICT("version_conflict", 409),
  /** A CHECK, FOREIGN KEY or NOT NULL constraint rejected the write. */
  CONSTRAINT_VIOLATION("constraint_violation", 409),
  /** The database stayed busy or locked beyond the busy timeout; the call may be retried. */
  TRANSIENT_CONFLICT("transient_conflict", 503),
  /** The repository does not support the requested operation. */
  UNSUPPORTED_OPERATION("unsupported_operation", 501),
  /** The kit, a driver or a plugin was configured inconsistently. */
  CONFIGURATION_ERROR("configuration_error", 500),
  /** A schema migration failed or the migration history does not match its sources. */
  MIGRATION_ERROR("migration_error", 500),
  /** The database is read-only or was opened with query_only. */
  READ_ONLY("read_only", 403),
  /**
   * The connection to a replicated database was lost after a commit was sent: the write may or may not
   * have been applied. Read before retrying; never retry blindly.
   */
  OUTCOME_UNKNOWN("outcome_unknown", 503),
  /** Any other failure of the data store. */
  DATA_ACCESS_ERROR("data_access_error", 500);

  private final String wireName;
  private final int httpStatus;

  ErrorCode(String wireName, int httpStatus) {
    this.wireName = wireName;
    this.httpStatus = httpStatus;
  }

  /**
   * Returns the lower-case code used on the wire, for example {@code "duplicate_key"}.
   *
   * @return the stable wire name
   */
  public String wireName() {
    return wireName;
  }

  /**
   * Returns the HTTP status a web layer should answer with.
   *
   * @return an HTTP status code between 400 and 599
   */
  public int httpStatus() {
    return httpStatus;
  }
}
