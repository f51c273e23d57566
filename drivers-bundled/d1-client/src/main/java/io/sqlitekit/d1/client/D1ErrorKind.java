package io.sqlitekit.d1.client;

/**
 * What kind of SQL failure a {@link D1SqlException} is, derived from the SQLite result code D1 names and,
 * where D1 names only {@code SQLITE_ERROR}, from SQLite's message text. Meant for mapping onto an
 * application's own error family (duplicate key, constraint, syntax, not found).
 *
 * @since 0.1.0
 */
public enum D1ErrorKind {
  /** {@code SQLITE_CONSTRAINT_UNIQUE} (2067) or {@code SQLITE_CONSTRAINT_PRIMARYKEY} (1555). */
  DUPLICATE_KEY,
  /** {@code SQLITE_CONSTRAINT_FOREIGNKEY} (787). D1 enforces foreign keys by default. */
  FOREIGN_KEY,
  /** {@code SQLITE_CONSTRAINT_NOTNULL} (1299). */
  NOT_NULL,
  /** {@code SQLITE_CONSTRAINT_CHECK} (275). */
  CHECK,
  /** Any other constraint failure (primary code 19). */
  CONSTRAINT,
  /** A syntax error: {@code near "…": syntax error}, {@code incomplete input}, {@code unrecognized token}. */
  SYNTAX,
  /** {@code no such table}. */
  NO_SUCH_TABLE,
  /** {@code no such column}. */
  NO_SUCH_COLUMN,
  /** {@code table … already exists}, {@code index … already exists}. */
  ALREADY_EXISTS,
  /**
   * {@code BEGIN}, {@code COMMIT}, {@code SAVEPOINT}…: D1 refuses SQL transaction control, because a request
   * is its own transaction. Use {@link D1Client#batch(java.util.List)} for atomic groups.
   */
  TRANSACTION_REFUSED,
  /** D1's authorizer refused something, e.g. {@code not authorized to use function: sqlite_version}. */
  NOT_AUTHORIZED,
  /**
   * A D1 limit: {@code SQLITE_TOOBIG} (statement longer than 100,000 bytes, value larger than 2 MB) or
   * {@code too many SQL variables} / {@code variable number must be between ?1 and ?100} (more than 100
   * bound parameters).
   */
  LIMIT_EXCEEDED,
  /** Anything else. */
  OTHER
}
