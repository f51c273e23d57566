package io.sqlitekit.d1.client;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP API refused the request without running SQL: a status other than 2xx (or a 2xx with
 * {@code "success": false}) that is not an SQL failure. Nothing was applied.
 *
 * <p>For a read this is also what remains after the retries on 429 and 5xx ran out. A write that got a 5xx
 * is reported as {@link D1OutcomeUnknownException} instead, because the server may have run it before
 * failing.
 *
 * @since 0.1.0
 */
public sealed class D1HttpException extends D1Exception
    permits D1AuthenticationException, D1DatabaseNotFoundException {
  private static final long serialVersionUID = 1L;

  /** The HTTP status. */
  private final int status;
  /** The API's errors (not serialized). */
  private final transient List<D1ApiError> errors;
  /** The server's Retry-After, or null. */
  private final Duration retryAfter;

  D1HttpException(String message, String endpoint, int status, List<D1ApiError> errors, Duration retryAfter) {
    super(message, endpoint, null);
    this.status = status;
    this.errors = List.copyOf(errors);
    this.retryAfter = retryAfter;
  }

  /**
   * The HTTP status, e.g. 401, 404, 429, 503.
   *
   * @return the status
   */
  public int status() {
    return status;
  }

  /**
   * The API's {@code errors} entries, empty when the body had none or was not JSON.
   *
   * @return the errors
   */
  public List<D1ApiError> errors() {
    return errors == null ? List.of() : errors;
  }

  /**
   * The server's {@code Retry-After}, if it sent one in seconds.
   *
   * @return how long the server asked to wait
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
