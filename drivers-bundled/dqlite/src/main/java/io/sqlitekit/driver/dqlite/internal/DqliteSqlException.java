package io.sqlitekit.driver.dqlite.internal;

import io.sqlitekit.dqlite.client.DqliteConnectionException;
import io.sqlitekit.dqlite.client.DqliteException;
import io.sqlitekit.dqlite.client.DqliteFailureException;
import io.sqlitekit.dqlite.client.DqliteNoLeaderException;
import io.sqlitekit.dqlite.client.DqliteUnsupportedException;
import java.sql.SQLException;

/**
 * Internal, not API, may change. The {@link SQLException} a dqlite session throws: SQLite's extended result
 * code as {@link #getErrorCode()} when the server answered, and a {@link Kind} saying what the client saw, so
 * {@link ErrorTranslator} can tell "refused" from "connection lost, outcome unknown".
 *
 * @since 0.1.0
 */
final class DqliteSqlException extends SQLException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, as far as the client can tell. */
  enum Kind {
    /** The server refused the statement ({@code FAILURE}); the connection is usable. */
    FAILURE,
    /** The server answered "not leader" or "leadership lost": reconnect to the new leader. */
    NOT_LEADER,
    /** The connection failed before the request was sent: nothing reached the server. */
    LOST_UNSENT,
    /** The connection failed (or timed out) after the request was sent: it may have run. */
    LOST_SENT,
    /** No leader was found within the discovery budget (nodes down or quorum lost). */
    NO_LEADER,
    /** The server lacks a feature the statement needs; nothing was sent. */
    UNSUPPORTED,
    /** The client refused the input (bad parameter type, NUL in text…); nothing was sent. */
    REFUSED,
    /** The session may not write (a read session). */
    READ_ONLY
  }

  private final Kind kind;

  DqliteSqlException(Kind kind, String message, int code, Throwable cause) {
    super(message, null, code, cause);
    this.kind = kind;
  }

  Kind kind() {
    return kind;
  }

  /** Whether the connection this came from is gone (it must be replaced before the next request). */
  boolean connectionLost() {
    return kind == Kind.LOST_SENT || kind == Kind.LOST_UNSENT || kind == Kind.NO_LEADER;
  }

  /** Wraps what the client threw. */
  static DqliteSqlException of(RuntimeException e) {
    if (e instanceof DqliteFailureException f) {
      return new DqliteSqlException(f.isLeaderUnavailable() ? Kind.NOT_LEADER : Kind.FAILURE,
          f.serverMessage(), f.code(), f);
    }
    if (e instanceof DqliteConnectionException c) {
      return new DqliteSqlException(c.requestSent() ? Kind.LOST_SENT : Kind.LOST_UNSENT, c.getMessage(), 0, c);
    }
    if (e instanceof DqliteNoLeaderException n) {
      return new DqliteSqlException(Kind.NO_LEADER, n.getMessage(), 0, n);
    }
    if (e instanceof DqliteUnsupportedException u) {
      return new DqliteSqlException(Kind.UNSUPPORTED, u.getMessage(), 0, u);
    }
    if (e instanceof DqliteException d) {
      // A protocol violation: the connection is closed and what the server did is unknown.
      return new DqliteSqlException(Kind.LOST_SENT, d.getMessage(), 0, d);
    }
    if (e instanceof IllegalArgumentException) {
      return new DqliteSqlException(Kind.REFUSED, e.getMessage(), 0, e);
    }
    throw e;
  }
}
