package io.sqlitekit.d1.client;

import java.util.List;

/**
 * The database the client points at does not exist: the API answered 404 for it (code 7404 on the local
 * explorer), or no database of the given name was listed. Not retried.
 *
 * @since 0.1.0
 */
public final class D1DatabaseNotFoundException extends D1HttpException {
  private static final long serialVersionUID = 1L;

  D1DatabaseNotFoundException(String message, String endpoint, int status, List<D1ApiError> errors) {
    super(message, endpoint, status, errors, null);
  }
}
