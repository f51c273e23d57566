package io.sqlitekit.spi.error;

import java.sql.SQLException;

/**
 * SQLite (extended) result codes that sqlitekit reacts to, decoded from a driver's {@link SQLException}.
 *
 * <p>Unknown codes decode to {@link #NONE}. Both {@code isDuplicateKeyError} and the mapping of driver
 * errors to typed exceptions are driven by this decoder.
 *
 * @since 0.1.0
 */
public enum SqliteResultCode {
  /** No SQLite code could be decoded. */
  NONE(-1),
  /** SQLITE_ERROR: generic error, including SQL syntax errors. */
  ERROR(1),
  /** SQLITE_BUSY: the database file is locked by another connection. */
  BUSY(5),
  /** SQLITE_LOCKED: a table in the database is locked. */
  LOCKED(6),
  /** SQLITE_READONLY: attempt to write a read-only database. */
  READONLY(8),
  /** SQLITE_CONSTRAINT: a constraint violation without a more specific code. */
  CONSTRAINT(19),
  /** SQLITE_MISMATCH: data type mismatch. */
  MISMATCH(20),
  /** SQLITE_CONSTRAINT_CHECK. */
  CONSTRAINT_CHECK(275),
  /** SQLITE_BUSY_RECOVERY. */
  BUSY_RECOVERY(261),
  /** SQLITE_BUSY_SNAPSHOT: a WAL read snapshot cannot be upgraded to a write. */
  BUSY_SNAPSHOT(517),
  /** SQLITE_BUSY_TIMEOUT. */
  BUSY_TIMEOUT(773),
  /** SQLITE_CONSTRAINT_FOREIGNKEY. */
  CONSTRAINT_FOREIGNKEY(787),
  /** SQLITE_CONSTRAINT_NOTNULL. */
  CONSTRAINT_NOTNULL(1299),
  /** SQLITE_CONSTRAINT_PRIMARYKEY. */
  CONSTRAINT_PRIMARYKEY(1555),
  /** SQLITE_CONSTRAINT_UNIQUE. */
  CONSTRAINT_UNIQUE(2067),
  /** SQLITE_LOCKED_SHAREDCACHE. */
  LOCKED_SHAREDCACHE(262),
  /** SQLITE_CONSTRAINT_TRIGGER: a RAISE() in a trigger rejected the write. */
  CONSTRAINT_TRIGGER(1811);

  private final int code;

  SqliteResultCode(int code) {
    this.code = code;
  }

  /**
   * Returns the numeric SQLite result code.
   *
   * @return the code, or -1 for {@link #NONE}
   */
  public int code() {
    return code;
  }

  /**
   * Returns whether this code means a UNIQUE or PRIMARY KEY clash.
   *
   * @return true for duplicate-key codes
   */
  public boolean isDuplicateKey() {
    return this == CONSTRAINT_UNIQUE || this == CONSTRAINT_PRIMARYKEY;
  }

  /**
   * Returns whether this code means the database was busy or locked; such failures may be retried.
   *
   * @return true for busy and locked codes
   */
  public boolean isTransient() {
    return this == BUSY || this == LOCKED || this == BUSY_RECOVERY || this == BUSY_SNAPSHOT
        || this == BUSY_TIMEOUT || this == LOCKED_SHAREDCACHE;
  }

  /**
   * Returns whether this code is a constraint violation of any kind.
   *
   * @return true for SQLITE_CONSTRAINT and its extended codes
   */
  public boolean isConstraint() {
    return this == CONSTRAINT || (code & 0xff) == 19;
  }

  /**
   * Decodes a numeric (extended or primary) result code.
   *
   * @param code the SQLite result code
   * @return the matching constant; an unknown extended code falls back to its primary code, then to {@link #NONE}
   */
  public static SqliteResultCode of(int code) {
    for (SqliteResultCode c : values()) {
      if (c.code == code) {
        return c;
      }
    }
    int primary = code & 0xff;
    if (primary != code) {
      for (SqliteResultCode c : values()) {
        if (c.code == primary) {
          return c;
        }
      }
    }
    return NONE;
  }

  /**
   * Decodes the code of the first {@link SQLException} in a cause chain.
   *
   * <p>sqlite-jdbc reports the extended code through {@code getErrorCode()} when extended result codes are
   * enabled and the primary code otherwise; messages of the form {@code [SQLITE_CONSTRAINT_UNIQUE]} are also
   * recognised so that both configurations decode the same way.
   *
   * @param error any throwable, possibly null
   * @return the decoded code, or {@link #NONE}
   */
  public static SqliteResultCode of(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof RepositoryException) {
        SqliteResultCode inner = ((RepositoryException) t).sqliteCode();
        if (inner != NONE) {
          return inner;
        }
      }
      if (t instanceof SQLException) {
        SqliteResultCode byMessage = fromMessage(t.getMessage());
        if (byMessage != NONE) {
          return byMessage;
        }
        SqliteResultCode byCode = of(((SQLException) t).getErrorCode());
        if (byCode != NONE) {
          return byCode;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return NONE;
  }

  private static SqliteResultCode fromMessage(String message) {
    if (message == null) {
      return NONE;
    }
    int open = message.indexOf("[SQLITE_");
    if (open < 0) {
      return NONE;
    }
    int close = message.indexOf(']', open);
    if (close < 0) {
      return NONE;
    }
    String name = message.substring(open + "[SQLITE_".length(), close);
    try {
      return valueOf(name);
    } catch (IllegalArgumentException notOneOfOurs) {
      return NONE;
    }
  }
}
