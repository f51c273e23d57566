package io.sqlitekit.dqlite.client;

import java.util.Locale;

/**
 * The server answered a request with a {@code FAILURE} message: an SQLite (extended) result code and a
 * message. The connection stays usable; the request had no effect beyond what SQLite's own semantics say
 * for that code (a failed statement inside an explicit transaction leaves the transaction open).
 *
 * <p>Codes worth telling apart: {@link #BUSY} comes back at once (the server does not wait like a busy
 * timeout would), so callers retry with backoff; {@link #NOT_LEADER} and {@link #LEADERSHIP_LOST} (see
 * {@link #isLeaderUnavailable()}) mean the connection's node no longer leads and the caller should
 * reconnect through discovery.
 *
 * @since 0.1.0
 */
public final class DqliteFailureException extends DqliteException {
  private static final long serialVersionUID = 1L;

  /** {@code SQLITE_ERROR}: generic error, e.g. syntax error or no such table. */
  public static final int ERROR = 1;
  /** {@code SQLITE_BUSY}: another connection holds the write lock; dqlite reports it at once. */
  public static final int BUSY = 5;
  /** {@code SQLITE_NOTFOUND}: no database opened or no such statement on this connection. */
  public static final int NOTFOUND = 12;
  /** {@code SQLITE_CONSTRAINT}: a constraint failed (primary code). */
  public static final int CONSTRAINT = 19;
  /** {@code SQLITE_CONSTRAINT_UNIQUE}. */
  public static final int CONSTRAINT_UNIQUE = 2067;
  /** {@code SQLITE_CONSTRAINT_PRIMARYKEY}. */
  public static final int CONSTRAINT_PRIMARYKEY = 1555;
  /** {@code SQLITE_IOERR_NOT_LEADER}: the node is not the leader (dqlite extension). */
  public static final int NOT_LEADER = 10 | (40 << 8);
  /** {@code SQLITE_IOERR_LEADERSHIP_LOST}: the node lost leadership during the request. */
  public static final int LEADERSHIP_LOST = 10 | (41 << 8);
  /** Pre-1.0 code for not leader, still treated as such by go-dqlite. */
  public static final int LEGACY_NOT_LEADER = 10 | (32 << 8);
  /** Pre-1.0 code for leadership lost, still treated as such by go-dqlite. */
  public static final int LEGACY_LEADERSHIP_LOST = 10 | (33 << 8);
  /** dqlite's own code for a request it could not parse (e.g. an unknown parameter type). */
  public static final int DQLITE_PARSE = 1005;

  /** The extended SQLite result code. */
  private final int code;
  /** The server's message text. */
  private final String serverMessage;

  DqliteFailureException(int code, String serverMessage, String address) {
    super(String.format(Locale.ROOT, "%s (SQLite code %d) from %s", serverMessage, code, address), address,
        null);
    this.code = code;
    this.serverMessage = serverMessage;
  }

  /**
   * The extended SQLite result code, e.g. 1555 for a primary-key violation.
   *
   * @return the code
   */
  public int code() {
    return code;
  }

  /**
   * The primary result code, the low byte of {@link #code()}, e.g. 19 ({@code SQLITE_CONSTRAINT}).
   *
   * @return the primary code
   */
  public int primaryCode() {
    return code & 0xFF;
  }

  /**
   * The server's message text, e.g. {@code UNIQUE constraint failed: t.name}.
   *
   * @return the message
   */
  public String serverMessage() {
    return serverMessage;
  }

  /**
   * Whether the node no longer leads: {@link #NOT_LEADER}, {@link #LEADERSHIP_LOST} or their legacy codes.
   * Reconnect through {@link DqliteClient#connect(String)}; an open transaction is gone.
   *
   * @return true for a leadership failure
   */
  public boolean isLeaderUnavailable() {
    return code == NOT_LEADER || code == LEADERSHIP_LOST || code == LEGACY_NOT_LEADER
        || code == LEGACY_LEADERSHIP_LOST;
  }

  /**
   * Whether this is {@code SQLITE_BUSY} (any extended form): retry with backoff.
   *
   * @return true for busy
   */
  public boolean isBusy() {
    return primaryCode() == BUSY;
  }

  /**
   * Whether a constraint failed (primary code 19).
   *
   * @return true for a constraint violation
   */
  public boolean isConstraintViolation() {
    return primaryCode() == CONSTRAINT;
  }
}
