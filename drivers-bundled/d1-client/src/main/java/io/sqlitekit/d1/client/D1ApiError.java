package io.sqlitekit.d1.client;

import java.util.Objects;

/**
 * One entry of the {@code errors} array of a Cloudflare API answer.
 *
 * @param code the API's numeric code, e.g. 10000 (authentication), 7404 (database not found), 10001 or 7500
 *     (query failed)
 * @param message the API's text
 * @since 0.1.0
 */
public record D1ApiError(int code, String message) {
  /**
   * Checks the message.
   *
   * @param code the code
   * @param message the text, not null
   */
  public D1ApiError {
    Objects.requireNonNull(message, "message");
  }
}
