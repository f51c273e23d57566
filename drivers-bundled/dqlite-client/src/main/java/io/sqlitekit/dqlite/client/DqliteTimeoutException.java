package io.sqlitekit.dqlite.client;

/**
 * A connect timeout or a call deadline passed. The connection is closed (its protocol state is unknown);
 * see {@link #requestSent()} for whether the outcome of the request is unknown.
 *
 * @since 0.1.0
 */
public final class DqliteTimeoutException extends DqliteConnectionException {
  private static final long serialVersionUID = 1L;

  DqliteTimeoutException(String message, String address, boolean requestSent, Throwable cause) {
    super(message, address, requestSent, cause);
  }
}
