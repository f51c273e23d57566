package io.sqlitekit.core;

/**
 * The scope of {@link SqliteKit#inTransaction}: hands out repositories bound to the running transaction.
 *
 * @since 0.1.0
 */
public interface TxScope {
  /**
   * Returns the repository bound to this transaction: its calls join it, with every hook and plugin active.
   *
   * @param repository a repository of the same kit
   * @param <T> the entity type
   * @param <ID> the key type
   * @return the bound repository
   * @throws IllegalArgumentException if the repository belongs to another kit
   */
  <T, ID> SqliteRepository<T, ID> repo(SqliteRepository<T, ID> repository);
}
