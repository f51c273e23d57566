package io.sqlitekit.spi;

import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.update.Update;
import java.util.Objects;

/**
 * One operation of {@link StandardRepo#bulkWrite}. Each operation behaves exactly as the single call it names
 * ({@code create}, {@code update}, {@code updateMany}, {@code delete}, {@code deleteMany}, {@code upsert}):
 * the same checks, the same hooks and policy plugins (tenant scope, soft delete, timestamps, audit).
 *
 * @param <T> the entity type
 * @param <ID> the primary-key type
 * @since 0.3.0
 */
public sealed interface BulkOp<T, ID> {

  /**
   * Inserts a row, as {@code create}.
   *
   * @param entity the row
   * @param <T> the entity type
   * @param <ID> the key type
   */
  record Insert<T, ID>(T entity) implements BulkOp<T, ID> {
    /** @throws NullPointerException if {@code entity} is null */
    public Insert {
      Objects.requireNonNull(entity, "entity");
    }
  }

  /**
   * Updates the row with a key, as {@code update(id, update)}.
   *
   * @param id the key
   * @param update the change
   * @param <T> the entity type
   * @param <ID> the key type
   */
  record UpdateOne<T, ID>(ID id, Update update) implements BulkOp<T, ID> {
    /** @throws NullPointerException if a component is null */
    public UpdateOne {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(update, "update");
    }
  }

  /**
   * Updates every matching row, as {@code updateMany}.
   *
   * @param filter the filter; match-all is refused as in {@code updateMany}
   * @param update the change
   * @param <T> the entity type
   * @param <ID> the key type
   */
  record UpdateMany<T, ID>(Filter filter, Update update) implements BulkOp<T, ID> {
    /** @throws NullPointerException if a component is null */
    public UpdateMany {
      Objects.requireNonNull(filter, "filter");
      Objects.requireNonNull(update, "update");
    }
  }

  /**
   * Deletes the row with a key, as {@code delete(id)}.
   *
   * @param id the key
   * @param <T> the entity type
   * @param <ID> the key type
   */
  record DeleteOne<T, ID>(ID id) implements BulkOp<T, ID> {
    /** @throws NullPointerException if {@code id} is null */
    public DeleteOne {
      Objects.requireNonNull(id, "id");
    }
  }

  /**
   * Deletes every matching row, as {@code deleteMany}.
   *
   * @param filter the filter; match-all is refused as in {@code deleteMany}
   * @param <T> the entity type
   * @param <ID> the key type
   */
  record DeleteMany<T, ID>(Filter filter) implements BulkOp<T, ID> {
    /** @throws NullPointerException if {@code filter} is null */
    public DeleteMany {
      Objects.requireNonNull(filter, "filter");
    }
  }

  /**
   * Inserts or updates a row on a primary-key conflict, as {@code upsert(entity)}.
   *
   * @param entity the row
   * @param <T> the entity type
   * @param <ID> the key type
   */
  record Upsert<T, ID>(T entity) implements BulkOp<T, ID> {
    /** @throws NullPointerException if {@code entity} is null */
    public Upsert {
      Objects.requireNonNull(entity, "entity");
    }
  }

  /**
   * An insert.
   *
   * @param entity the row
   * @param <T> the entity type
   * @param <ID> the key type
   * @return the operation
   */
  static <T, ID> BulkOp<T, ID> insert(T entity) {
    return new Insert<>(entity);
  }

  /**
   * An update by key.
   *
   * @param id the key
   * @param update the change
   * @param <T> the entity type
   * @param <ID> the key type
   * @return the operation
   */
  static <T, ID> BulkOp<T, ID> update(ID id, Update update) {
    return new UpdateOne<>(id, update);
  }

  /**
   * An update of every matching row.
   *
   * @param filter the filter
   * @param update the change
   * @param <T> the entity type
   * @param <ID> the key type
   * @return the operation
   */
  static <T, ID> BulkOp<T, ID> updateMany(Filter filter, Update update) {
    return new UpdateMany<>(filter, update);
  }

  /**
   * A delete by key.
   *
   * @param id the key
   * @param <T> the entity type
   * @param <ID> the key type
   * @return the operation
   */
  static <T, ID> BulkOp<T, ID> delete(ID id) {
    return new DeleteOne<>(id);
  }

  /**
   * A delete of every matching row.
   *
   * @param filter the filter
   * @param <T> the entity type
   * @param <ID> the key type
   * @return the operation
   */
  static <T, ID> BulkOp<T, ID> deleteMany(Filter filter) {
    return new DeleteMany<>(filter);
  }

  /**
   * An upsert on the primary key.
   *
   * @param entity the row
   * @param <T> the entity type
   * @param <ID> the key type
   * @return the operation
   */
  static <T, ID> BulkOp<T, ID> upsert(T entity) {
    return new Upsert<>(entity);
  }
}
