package io.sqlitekit.dqlite.client;

/**
 * The socket to a node failed (refused, reset, closed by the server or by {@link DqliteConnection#close()}
 * from another thread) or a deadline passed ({@link DqliteTimeoutException}). The connection is closed.
 *
 * <p>{@link #requestSent()} tells "failed" from "outcome unknown": when it is true the request had started
 * to leave this client, so a write may have committed on the cluster even though no answer came back. The
 * protocol has no idempotency key, so only the caller can decide whether a retry is safe.
 *
 * @since 0.1.0
 */
public sealed class DqliteConnectionException extends DqliteException permits DqliteTimeoutException {
  private static final long serialVersionUID = 1L;

  /** Whether the request had started to leave the client. */
  private final boolean requestSent;

  DqliteConnectionException(String message, String address, boolean requestSent, Throwable cause) {
    super(message, address, cause);
    this.requestSent = requestSent;
  }

  /**
   * Whether the failed request had started to be written to the socket, so the server may have received
   * and executed it.
   *
   * @return true if the outcome is unknown, false if the request certainly did not reach the server
   */
  public boolean requestSent() {
    return requestSent;
  }
}
