package io.sqlitekit.d1.client;

import java.util.List;

/**
 * The API refused the credentials: HTTP 401 or 403, e.g. a missing, wrong or expired token, or a token
 * without D1 permission on the account. The token itself never appears in the message. Not retried.
 *
 * @since 0.1.0
 */
public final class D1AuthenticationException extends D1HttpException {
  private static final long serialVersionUID = 1L;

  D1AuthenticationException(String message, String endpoint, int status, List<D1ApiError> errors) {
    super(message, endpoint, status, errors, null);
  }
}
