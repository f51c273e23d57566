package io.sqlitekit.memory;

/**
 * The scope of {@link MemoryKit#inTransaction(java.util.function.Function)}: hands out repositories bound to
 * the running transaction, like the SQLite kit's scope of the same name.
 *
 * @since 0.2.0
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
  <T, ID> MemoryRepository<T, ID> repo(MemoryRepository<T, ID> repository);
}
