package io.sqlitekit.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link StandardRepo#bulkWrite}: one {@link Outcome} per operation, in input order, and the
 * totals derived from them.
 *
 * @param outcomes one outcome per operation
 * @param <T> the entity type
 * @since 0.3.0
 */
public record BulkWriteResult<T>(List<Outcome<T>> outcomes) {
  /**
   * Copies the outcomes.
   *
   * @throws NullPointerException if {@code outcomes} is null or holds a null
   */
  public BulkWriteResult {
    outcomes = List.copyOf(Objects.requireNonNull(outcomes, "outcomes"));
  }

  /**
   * The outcome of one operation.
   *
   * @param index the operation's 0-based index
   * @param op the operation
   * @param affected rows the operation wrote: 1 or 0 for insert/update/delete by key and upsert, the count
   *     for updateMany/deleteMany
   * @param row the row written by an insert, update by key or upsert (empty for a miss and for many-row ops)
   * @param <T> the entity type
   */
  public record Outcome<T>(int index, BulkOp<T, ?> op, long affected, Optional<T> row) {
    /** @throws NullPointerException if {@code op} or {@code row} is null */
    public Outcome {
      Objects.requireNonNull(op, "op");
      Objects.requireNonNull(row, "row");
    }
  }

  /**
   * Returns the rows inserted by insert operations.
   *
   * @return the count
   */
  public long insertedCount() {
    return sum(BulkOp.Insert.class);
  }

  /**
   * Returns the rows changed by update operations (by key and many).
   *
   * @return the count
   */
  public long modifiedCount() {
    return sum(BulkOp.UpdateOne.class) + sum(BulkOp.UpdateMany.class);
  }

  /**
   * Returns the rows removed by delete operations (by key and many).
   *
   * @return the count
   */
  public long deletedCount() {
    return sum(BulkOp.DeleteOne.class) + sum(BulkOp.DeleteMany.class);
  }

  /**
   * Returns the rows written by upsert operations.
   *
   * @return the count
   */
  public long upsertedCount() {
    return sum(BulkOp.Upsert.class);
  }

  @SuppressWarnings("rawtypes")
  private long sum(Class<? extends BulkOp> kind) {
    long n = 0;
    for (Outcome<T> o : outcomes) {
      if (kind.isInstance(o.op())) {
        n += o.affected();
      }
    }
    return n;
  }
}
