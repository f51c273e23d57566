package io.sqlitekit.spi;

/**
 * The body of a transaction. It receives a repository bound to the transaction, with every hook and
 * plugin active; exceptions it throws roll the transaction back and propagate unchanged.
 *
 * @param <REPO> the transaction-bound repository type
 * @param <R> the result type
 * @since 0.1.0
 */
@FunctionalInterface
public interface TransactionWork<REPO, R> {
  /**
   * Runs the body.
   *
   * @param tx the transaction-bound repository
   * @return the result, returned by the transaction call after commit
   */
  R run(REPO tx);
}
