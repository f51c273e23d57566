package io.sqlitekit.d1.client;

import java.util.Optional;

/**
 * D1 ran the request and the SQL failed: a constraint, a syntax error, a missing table, a refused
 * {@code BEGIN}, a D1 limit. A request is one transaction on D1, so nothing of it was applied (for a
 * {@link D1Client#batch(java.util.List) batch}: none of its statements).
 *
 * <p>D1 reports failures as text such as {@code D1_ERROR: UNIQUE constraint failed: t.u: SQLITE_CONSTRAINT
 * (extended: SQLITE_CONSTRAINT_UNIQUE)}; this exception carries the codes named there as numbers
 * ({@link #primaryCode()} 19, {@link #extendedCode()} 2067) and a {@link #kind()}. Some failures name no
 * code ({@code To execute a transaction, please use …}); then both codes are -1 and the kind comes from the
 * text.
 *
 * @since 0.1.0
 */
public final class D1SqlException extends D1Exception {
  private static final long serialVersionUID = 1L;

  /** {@code SQLITE_ERROR}. */
  public static final int ERROR = 1;
  /** {@code SQLITE_TOOBIG}. */
  public static final int TOOBIG = 18;
  /** {@code SQLITE_CONSTRAINT}. */
  public static final int CONSTRAINT = 19;
  /** {@code SQLITE_CONSTRAINT_CHECK}. */
  public static final int CONSTRAINT_CHECK = 275;
  /** {@code SQLITE_CONSTRAINT_FOREIGNKEY}. */
  public static final int CONSTRAINT_FOREIGNKEY = 787;
  /** {@code SQLITE_CONSTRAINT_NOTNULL}. */
  public static final int CONSTRAINT_NOTNULL = 1299;
  /** {@code SQLITE_CONSTRAINT_PRIMARYKEY}. */
  public static final int CONSTRAINT_PRIMARYKEY = 1555;
  /** {@code SQLITE_CONSTRAINT_UNIQUE}. */
  public static final int CONSTRAINT_UNIQUE = 2067;

  /** The primary SQLite code, or -1. */
  private final int primaryCode;
  /** The extended SQLite code, or -1. */
  private final int extendedCode;
  /** The most specific code name, or null. */
  private final String codeName;
  /** SQLite's message without D1's decoration. */
  private final String serverMessage;
  /** The text as D1 sent it. */
  private final String d1Message;
  /** The kind of failure. */
  private final D1ErrorKind kind;
  /** The HTTP status of the answer. */
  private final int httpStatus;
  /** The API's numeric code, or 0. */
  private final int apiCode;

  D1SqlException(String endpoint, int httpStatus, int apiCode, String d1Message, String serverMessage,
      int primaryCode, int extendedCode, String codeName, D1ErrorKind kind) {
    super("D1 refused the SQL: " + serverMessage + describe(primaryCode, extendedCode, codeName) + " (HTTP "
        + httpStatus + ")", endpoint, null);
    this.primaryCode = primaryCode;
    this.extendedCode = extendedCode;
    this.codeName = codeName;
    this.serverMessage = serverMessage;
    this.d1Message = d1Message;
    this.kind = kind;
    this.httpStatus = httpStatus;
    this.apiCode = apiCode;
  }

  private static String describe(int primary, int extended, String name) {
    if (primary < 0) {
      return "";
    }
    return " [" + name + ", SQLite code " + (extended >= 0 ? extended : primary) + "]";
  }

  /**
   * The primary SQLite result code, e.g. 19 ({@code SQLITE_CONSTRAINT}) or 1 ({@code SQLITE_ERROR}).
   *
   * @return the code, or -1 if D1 named none
   */
  public int primaryCode() {
    return primaryCode;
  }

  /**
   * The extended SQLite result code, e.g. 2067 ({@code SQLITE_CONSTRAINT_UNIQUE}); the primary code when
   * D1 named no extended one.
   *
   * @return the code, or -1 if D1 named none (or an extended name this client does not know)
   */
  public int extendedCode() {
    return extendedCode;
  }

  /**
   * The most specific code known: {@link #extendedCode()} if known, else {@link #primaryCode()}.
   *
   * @return the code, or -1
   */
  public int code() {
    return extendedCode >= 0 ? extendedCode : primaryCode;
  }

  /**
   * The most specific code name D1 gave, e.g. {@code SQLITE_CONSTRAINT_UNIQUE}.
   *
   * @return the name, empty if D1 named none
   */
  public Optional<String> codeName() {
    return Optional.ofNullable(codeName);
  }

  /**
   * SQLite's message without D1's decoration, e.g. {@code UNIQUE constraint failed: t.u}.
   *
   * @return the message
   */
  public String serverMessage() {
    return serverMessage;
  }

  /**
   * The error text exactly as D1 sent it.
   *
   * @return the text
   */
  public String d1Message() {
    return d1Message;
  }

  /**
   * The kind of failure, for mapping onto an application's error family.
   *
   * @return the kind
   */
  public D1ErrorKind kind() {
    return kind;
  }

  /**
   * The HTTP status the failure came with (the local explorer answers 500, the REST API may answer 4xx).
   *
   * @return the status
   */
  public int httpStatus() {
    return httpStatus;
  }

  /**
   * The API's numeric error code (10001 on the local explorer), or 0 if none was given.
   *
   * @return the code
   */
  public int apiCode() {
    return apiCode;
  }

  /**
   * Whether a unique or primary-key constraint failed.
   *
   * @return true for {@link D1ErrorKind#DUPLICATE_KEY}
   */
  public boolean isDuplicateKey() {
    return kind == D1ErrorKind.DUPLICATE_KEY;
  }

  /**
   * Whether any constraint failed (primary code 19).
   *
   * @return true for a constraint violation
   */
  public boolean isConstraintViolation() {
    return primaryCode == CONSTRAINT;
  }
}
