package io.sqlitekit.d1.client;

/**
 * No answer came back: the connection was refused or broke, or a timeout passed
 * ({@link D1TimeoutException}). For a read this is what remains after the retries ran out. For a write it
 * is only thrown when the request was never sent ({@link #requestSent()} false), so nothing was applied; a
 * write that was sent and got no answer is a {@link D1OutcomeUnknownException}.
 *
 * @since 0.1.0
 */
public sealed class D1ConnectionException extends D1Exception permits D1TimeoutException {
  private static final long serialVersionUID = 1L;

  /** Whether the request may have reached the server. */
  private final boolean requestSent;

  D1ConnectionException(String message, String endpoint, boolean requestSent, Throwable cause) {
    super(message, endpoint, cause);
    this.requestSent = requestSent;
  }

  /**
   * Whether the (last) request may have reached the server; false when the connection could not even be
   * opened.
   *
   * @return true if sent
   */
  public boolean requestSent() {
    return requestSent;
  }
}
