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
  // Details are not Serializable; a deserialized exception keeps its message and field.
  private final transient List<ErrorDetail> violations;

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
    this.violations = List.of();
  }

  /**
   * Creates the exception for several problems found at once (a validation plugin checking every field of
   * a payload). {@link #field()} is the first violation's path.
   *
   * @param message a summary naming every offending field
   * @param violations one detail per violation, in a stable order; their messages must not contain values
   * @throws IllegalArgumentException if {@code violations} is empty
   */
  public ValidationException(String message, List<ErrorDetail> violations) {
    super(ErrorCode.VALIDATION_ERROR, Objects.requireNonNull(message, "message"), null);
    this.violations = List.copyOf(violations);
    if (this.violations.isEmpty()) {
      throw new IllegalArgumentException("violations must not be empty");
    }
    this.field = this.violations.get(0).path();
  }

  /**
   * Returns the offending field.
   *
   * @return the field name, or null when the problem is not about one field
   */
  public String field() {
    return field;
  }

  /**
   * Returns every violation when the exception reports several at once.
   *
   * @return the violations, empty when the exception is about one field or the whole request
   */
  public List<ErrorDetail> violations() {
    return violations == null ? List.of() : violations;
  }

  @Override
  protected List<ErrorDetail> details() {
    if (!violations().isEmpty()) {
      return violations;
    }
    return field == null ? List.of() : List.of(ErrorDetail.of(Messages.sanitize(field), "invalid", getMessage()));
  }
}
