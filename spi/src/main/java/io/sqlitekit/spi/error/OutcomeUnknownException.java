package io.sqlitekit.spi.error;

/**
 * A write's outcome is unknown: the connection to a networked database (a replicated cluster) was lost after
 * the commit was sent and before its answer arrived, so the transaction may or may not have been applied.
 *
 * <p>Unlike every other {@link RepositoryException} this does <b>not</b> say "nothing was applied". It is not
 * {@linkplain #isTransient() transient}: a blind retry could apply the write twice. Read back what the write
 * would have changed (or make the write idempotent, for example with a caller-chosen key) before retrying.
 *
 * @since 0.1.0
 */
public final class OutcomeUnknownException extends RepositoryException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what happened, naming the operation but no values
   */
  public OutcomeUnknownException(String message) {
    super(ErrorCode.OUTCOME_UNKNOWN, message);
  }

  /**
   * Creates the exception with its underlying cause.
   *
   * @param message what happened, naming the operation but no values
   * @param cause the underlying failure, for example the lost connection
   */
  public OutcomeUnknownException(String message, Throwable cause) {
    super(ErrorCode.OUTCOME_UNKNOWN, message, cause);
  }
}
