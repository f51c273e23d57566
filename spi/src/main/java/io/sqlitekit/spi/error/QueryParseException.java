package io.sqlitekit.spi.error;

import java.util.List;
import java.util.Objects;

/**
 * A URL query string or other text spec could not be parsed; the offending parameter is named.
 *
 * <p>Answered with HTTP 400. Never a SQL error and never a silently dropped constraint.
 *
 * @since 0.1.0
 */
public final class QueryParseException extends RepositoryException {
  private static final long serialVersionUID = 1L;

  private final String parameter;

  /**
   * Creates the exception.
   *
   * @param parameter the query parameter that was rejected, for example {@code "age[gte]"}
   * @param message what is wrong and what was expected
   */
  public QueryParseException(String parameter, String message) {
    super(ErrorCode.QUERY_PARSE_ERROR, Objects.requireNonNull(message, "message"));
    this.parameter = Objects.requireNonNull(parameter, "parameter");
  }

  /**
   * Returns the rejected parameter.
   *
   * @return the parameter name as it appeared in the query
   */
  public String parameter() {
    return parameter;
  }

  @Override
  protected List<ErrorDetail> details() {
    return List.of(ErrorDetail.of(Messages.sanitize(parameter), "invalid_parameter", getMessage()));
  }
}
