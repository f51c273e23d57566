package io.sqlitekit.dqlite.client;

/**
 * The peer sent a message this client cannot decode, or one it did not expect at that point. The connection
 * is closed; if {@link #requestSent()} the outcome of the request is unknown.
 *
 * @since 0.1.0
 */
public final class DqliteProtocolException extends DqliteException {
  private static final long serialVersionUID = 1L;

  /** Whether the request had been sent. */
  private final boolean requestSent;

  DqliteProtocolException(String message, String address, boolean requestSent, Throwable cause) {
    super(message, address, cause);
    this.requestSent = requestSent;
  }

  /**
   * Whether the request had been sent when the bad message arrived.
   *
   * @return true if the outcome of the request is unknown
   */
  public boolean requestSent() {
    return requestSent;
  }
}
