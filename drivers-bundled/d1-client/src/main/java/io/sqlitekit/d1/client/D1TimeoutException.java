package io.sqlitekit.d1.client;

/**
 * A timeout passed: connecting (connect timeout), waiting for one answer (request timeout), or the whole
 * call including retries and their pauses (deadline). The exchange in flight was cancelled.
 *
 * @since 0.1.0
 */
public final class D1TimeoutException extends D1ConnectionException {
  private static final long serialVersionUID = 1L;

  D1TimeoutException(String message, String endpoint, boolean requestSent, Throwable cause) {
    super(message, endpoint, requestSent, cause);
  }
}
