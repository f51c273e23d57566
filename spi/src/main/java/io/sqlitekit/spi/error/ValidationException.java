package io.sqlitekit.spi.error;

import java.util.List;
import java.util.Objects;

/**
 * Input failed validation before anything was written: an unknown field in a filter, sort or update, a
 * value of the wrong type for its column, null into a NOT NULL column, an empty update, a malformed raw
 * filter or an empty filter where a bulk write requires one.
 *
 * @since 0.1.0
 */
public final class ValidationException extends RepositoryException {
  private static final long serialVersionUID = 1L;

  private final String field;

  /**
   * Creates the exception for a whole-request problem.
   *
   * @param message what is wrong and what was expected
   */
  public ValidationException(String message) {
    this(null, message, null);
  }

  /**
   * Creates the exception for a problem with one field.
   *
   * @param field the offending field (property key), or null
   * @param message what is wrong and what was expected
   */
  public ValidationException(String field, String message) {
    this(field, message, null);
  }

  /**
   * Creates the exception for a problem with one field, with its cause.
   *
   * @param field the offending field (property key), or null
   * @param message what is wrong and what was expected
   * @param cause the underlying failure, or null
   */
  public ValidationException(String field, String message, Throwable cause) {
    super(ErrorCode.VALIDATION_ERROR, Objects.requireNonNull(message, "message"), cause);
    this.field = field;
  }

  /**
   * Returns the offending field.
   *
   * @return the field name, or null when the problem is not about one field
   */
  public String field() {
    return field;
  }

  @Override
  protected List<ErrorDetail> details() {
    return field == null ? List.of() : List.of(ErrorDetail.of(Messages.sanitize(field), "invalid", getMessage()));
  }
}
