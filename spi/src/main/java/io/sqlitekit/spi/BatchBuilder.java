package io.sqlitekit.spi;

/**
 * Builds the statements of a batch for one repository. Building executes nothing.
 *
 * @param <T> the entity type
 * @param <ID> the primary-key type
 * @since 0.1.0
 */
public interface BatchBuilder<T, ID> {
  /**
   * An INSERT of the entity.
   *
   * @param entity the entity
   * @return the statement
   */
  BatchStatement insert(T entity);

  /**
   * An INSERT that updates the existing row on a primary-key conflict.
   *
   * @param entity the entity
   * @return the statement
   */
  BatchStatement upsert(T entity);

  /**
   * An UPDATE by primary key; a missing row is a miss, not a failure.
   *
   * @param id the key
   * @param update the change
   * @return the statement
   */
  BatchStatement update(ID id, io.sqlitekit.spi.update.Update update);

  /**
   * A DELETE by primary key; a missing row is a miss, not a failure.
   *
   * @param id the key
   * @return the statement
   */
  BatchStatement delete(ID id);
}
