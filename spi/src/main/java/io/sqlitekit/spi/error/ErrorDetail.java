package io.sqlitekit.spi.error;

import java.util.Map;
import java.util.Objects;

/**
 * One detail line of an {@link ErrorContract}, for example the field a validation failure is about.
 *
 * @param path the field or parameter the detail is about, or null when it applies to the whole request
 * @param code a stable machine-readable code for the detail
 * @param message a human-readable explanation that never contains bound values or row data
 * @param meta extra structured information; never null, possibly empty
 * @since 0.1.0
 */
public record ErrorDetail(String path, String code, String message, Map<String, Object> meta) {
  /**
   * Validates and copies the components.
   *
   * @throws NullPointerException if {@code code}, {@code message} or {@code meta} is null
   */
  public ErrorDetail {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    meta = Map.copyOf(Objects.requireNonNull(meta, "meta"));
  }

  /**
   * Creates a detail without metadata.
   *
   * @param path the field or parameter, or null
   * @param code the detail code
   * @param message the explanation
   * @return the detail
   */
  public static ErrorDetail of(String path, String code, String message) {
    return new ErrorDetail(path, code, message, Map.of());
  }
}
