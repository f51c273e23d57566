package io.sqlitekit.d1.client;

/**
 * The answer was not what D1's API sends: not JSON, not UTF-8, the wrong shape (no {@code result}, rows of
 * the wrong width, a value of a type D1 does not return), or a body larger than the configured limit.
 * Usually the URL points at something that is not D1. Not retried. For a write this is the cause of a
 * {@link D1OutcomeUnknownException}.
 *
 * @since 0.1.0
 */
public final class D1ProtocolException extends D1Exception {
  private static final long serialVersionUID = 1L;

  D1ProtocolException(String message, String endpoint, Throwable cause) {
    super(message, endpoint, cause);
  }
}
