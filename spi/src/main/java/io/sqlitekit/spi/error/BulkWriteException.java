package io.sqlitekit.spi.error;

import java.util.Map;
import java.util.Objects;

/**
 * One operation of a {@code bulkWrite} failed, so the whole bulk write was rolled back: no operation of the
 * list is applied. The exception carries the failed operation's index and the failure itself as its cause;
 * its {@link #code()} is the cause's code when the cause is a {@link RepositoryException} (a duplicate key
 * stays {@code duplicate_key}), else {@link ErrorCode#DATA_ACCESS_ERROR}.
 *
 * @since 0.3.0
 */
public final class BulkWriteException extends RepositoryException {
  private static final long serialVersionUID = 1L;

  private final int opIndex;

  /**
   * Creates the exception.
   *
   * @param opIndex the 0-based index of the operation that failed
   * @param cause the operation's failure
   */
  public BulkWriteException(int opIndex, RuntimeException cause) {
    super(codeOf(cause), String.format(java.util.Locale.ROOT,
        "bulkWrite operation %d failed, nothing was applied: %s", opIndex, cause.getMessage()), cause);
    this.opIndex = opIndex;
  }

  private static ErrorCode codeOf(RuntimeException cause) {
    Objects.requireNonNull(cause, "cause");
    return cause instanceof RepositoryException ? ((RepositoryException) cause).code()
        : ErrorCode.DATA_ACCESS_ERROR;
  }

  /**
   * Returns the index of the operation that failed, in the list given to {@code bulkWrite}.
   *
   * @return the 0-based index
   */
  public int opIndex() {
    return opIndex;
  }

  @Override
  protected Map<String, Object> meta() {
    return Map.of("opIndex", opIndex);
  }
}
