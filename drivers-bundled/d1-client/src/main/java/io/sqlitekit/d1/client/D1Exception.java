package io.sqlitekit.d1.client;

/**
 * The root of every failure this client reports. Unchecked; each subclass says what a caller can do:
 *
 * <ul>
 *   <li>{@link D1SqlException}: D1 ran the request and refused the SQL (constraint, syntax, no such table…),
 *       with the SQLite result code when D1 named one. Nothing of the request was applied.
 *   <li>{@link D1HttpException}: the HTTP API refused the request (bad token: {@link D1AuthenticationException},
 *       unknown database: {@link D1DatabaseNotFoundException}, rate limit, server error after the retries of
 *       a read). Nothing was applied.
 *   <li>{@link D1ConnectionException}: no answer: connection refused or reset, or a deadline passed
 *       ({@link D1TimeoutException}). Only ever thrown for reads, or for writes that were never sent.
 *   <li>{@link D1OutcomeUnknownException}: a write was sent and no definite answer came back; it may or may
 *       not have been applied. The client never resends a write.
 *   <li>{@link D1ProtocolException}: the answer was not what D1's API returns (malformed JSON, wrong shape,
 *       larger than the limit).
 *   <li>{@link D1PrecisionException}: a value D1 returned cannot be represented exactly (an integer beyond
 *       ±(2<sup>53</sup>−1), which D1 passes through a JavaScript number).
 * </ul>
 *
 * <p>Programming errors are not in this family: a null argument throws {@link NullPointerException}, a bad
 * argument (parameter count, unsupported value type, named parameters) {@link IllegalArgumentException}, use
 * after close {@link IllegalStateException}; in those cases nothing was sent. Messages never contain
 * parameter values or the API token.
 *
 * @since 0.1.0
 */
public abstract sealed class D1Exception extends RuntimeException
    permits D1SqlException, D1HttpException, D1ConnectionException, D1OutcomeUnknownException,
        D1ProtocolException, D1PrecisionException {
  private static final long serialVersionUID = 1L;

  /** Where the request went, without any secret. */
  private final String endpoint;

  /**
   * Creates the exception.
   *
   * @param message what happened
   * @param endpoint the endpoint description (never contains the token)
   * @param cause the underlying failure, or null
   */
  D1Exception(String message, String endpoint, Throwable cause) {
    super(message + " [" + endpoint + "]", cause);
    this.endpoint = endpoint;
  }

  /**
   * The endpoint the request went to, as {@link D1Endpoint#toString()} prints it (no token).
   *
   * @return the description
   */
  public String endpoint() {
    return endpoint;
  }
}
