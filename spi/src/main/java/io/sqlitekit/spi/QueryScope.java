package io.sqlitekit.spi;

import io.sqlitekit.spi.compile.SqlFragment;
import io.sqlitekit.spi.driver.Row;
import io.sqlitekit.spi.driver.SqlWork;
import java.sql.SQLException;

/**
 * What a {@link ScopedQuery} works with: the call's final scope as a SQL condition, the request after hooks,
 * the repository's select list and entity builder, and the kit's driver.
 *
 * <p>The condition and the select list name the table's columns unqualified and quoted; an extension that
 * joins another relation must give that relation's columns names that cannot collide with the table's (for
 * example through a derived table with its own aliases). Valid only while the query runs.
 *
 * @param <T> the repository's entity type
 * @since 0.2.0
 */
public interface QueryScope<T> {
  /**
   * Returns the request as the before-hooks left it.
   *
   * @return the request
   */
  Object request();

  /**
   * Returns the final scope (the caller's filter AND every policy predicate) compiled by the kit's filter
   * compiler, with encoded parameters.
   *
   * @return the condition; {@code 1} when it matches every row
   */
  SqlFragment where();

  /**
   * Returns every column of the table, quoted and unqualified, in declaration order: the columns
   * {@link #entity} reads.
   *
   * @return the select list, for example {@code "id", "title"}
   */
  String selectList();

  /**
   * Builds an entity from the current row, decoding the {@link #selectList()} columns through the column
   * codecs.
   *
   * @param row the current row
   * @param firstColumn the 0-based index where the select list starts in the row
   * @return the entity
   * @throws SQLException on a failing read
   */
  T entity(Row row, int firstColumn) throws SQLException;

  /**
   * Runs work on a reader of the kit's driver, or inside the current thread's transaction; SQL errors are
   * translated into the kit's exception family.
   *
   * @param work the work
   * @param <R> the result type
   * @return its result
   */
  <R> R read(SqlWork<R> work);

  /**
   * Runs several statements on one consistent snapshot (for example a page and its highlights).
   *
   * @param work the work
   * @param <R> the result type
   * @return its result
   */
  <R> R readSnapshot(SqlWork<R> work);
}
