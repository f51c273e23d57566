package io.sqlitekit.dqlite.client;

import java.util.Optional;

/**
 * The root of every failure this client reports. Unchecked; each subclass says what a caller can do:
 *
 * <ul>
 *   <li>{@link DqliteFailureException}: the server refused the request with an SQLite result code; the
 *       connection is still usable.
 *   <li>{@link DqliteConnectionException}: the socket failed or a deadline passed
 *       ({@link DqliteTimeoutException}); the connection is closed, and if
 *       {@link DqliteConnectionException#requestSent()} the request's outcome is unknown.
 *   <li>{@link DqliteNoLeaderException}: no node led the cluster within the discovery budget.
 *   <li>{@link DqliteProtocolException}: the peer broke the protocol; the connection is closed.
 *   <li>{@link DqliteUnsupportedException}: the server lacks a feature the request needs; nothing was sent.
 * </ul>
 *
 * <p>Programming errors are not in this family: a null argument throws {@link NullPointerException}, a bad
 * argument {@link IllegalArgumentException}, misuse of a connection (two threads, a new request while a
 * result is open, use after close) {@link IllegalStateException}. Messages never contain parameter values.
 *
 * @since 0.1.0
 */
public abstract sealed class DqliteException extends RuntimeException
    permits DqliteFailureException, DqliteConnectionException, DqliteNoLeaderException,
        DqliteProtocolException, DqliteUnsupportedException {
  private static final long serialVersionUID = 1L;

  /** The node involved, or null. */
  private final String address;

  /**
   * Creates the exception.
   *
   * @param message what happened
   * @param address the node involved, or null if none
   * @param cause the underlying failure, or null
   */
  protected DqliteException(String message, String address, Throwable cause) {
    super(message, cause);
    this.address = address;
  }

  /**
   * The node this failure happened on, if one was involved.
   *
   * @return its address, {@code host:port}
   */
  public Optional<String> address() {
    return Optional.ofNullable(address);
  }
}
