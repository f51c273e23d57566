package io.sqlitekit.spi;

import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.util.List;
import java.util.Optional;

/**
 * The smallest useful repository contract: create, read by id, update, delete, find and count over one
 * table. {@link StandardRepo} extends it with the full surface.
 *
 * <p>Implementations are thread-safe. Misses are values, not exceptions: {@code Optional.empty()},
 * {@code false} or 0. Failures are {@link io.sqlitekit.spi.error.RepositoryException}s with stable codes,
 * and a failed call changes nothing.
 *
 * @param <T> the entity type (a record or a {@code Map<String, Object>} document)
 * @param <ID> the primary-key type
 * @since 0.1.0
 */
public interface MinimalRepo<T, ID> {
  /**
   * Returns the table this repository reads and writes.
   *
   * @return the definition
   */
  TableDef table();

  /**
   * Returns what this repository supports; an operation whose {@link Capability} is missing throws
   * {@link io.sqlitekit.spi.error.OperationNotSupportedException} and changes nothing.
   *
   * @return the capabilities
   */
  Capabilities capabilities();

  /**
   * Inserts one row and returns it as stored (defaults and generated keys filled in).
   *
   * @param entity the row; for records a null component means "use the column default"
   * @return the stored row
   * @throws io.sqlitekit.spi.error.DuplicateKeyException on a primary-key or unique clash
   * @throws io.sqlitekit.spi.error.ValidationException on an unknown field, a wrong type or NULL into NOT NULL
   */
  T create(T entity);

  /**
   * Reads a row by primary key.
   *
   * @param id the key
   * @return the row, or empty when absent or out of scope (tenant, soft delete)
   */
  Optional<T> getById(ID id);

  /**
   * Applies an update to the row with this key and returns the row after the update.
   *
   * <p>The primary key is never changed: naming it in the update is a validation error. An update whose
   * only content is {@code setOnInsert} changes nothing and returns the current row.
   *
   * @param id the key
   * @param update the change
   * @return the updated row, or empty when no row has this key (in scope)
   * @throws io.sqlitekit.spi.error.ValidationException if the update is empty or names an unknown field
   */
  Optional<T> update(ID id, Update update);

  /**
   * Deletes the row with this key.
   *
   * @param id the key
   * @return true if a row was deleted; false for a miss (including an already soft-deleted row)
   */
  boolean delete(ID id);

  /**
   * Returns every row matching the filter, in primary-key order.
   *
   * @param filter the filter
   * @return the rows, possibly empty
   * @throws io.sqlitekit.spi.error.ValidationException if the filter names an unknown field
   */
  List<T> findAll(Filter filter);

  /**
   * Counts the rows matching the filter.
   *
   * @param filter the filter
   * @return the count
   */
  long count(Filter filter);
}
