package io.sqlitekit.spi;

/**
 * The body of a {@link ScopedReads#read scoped read}: renders and runs its statements inside the scope it is
 * given.
 *
 * @param <T> the repository's entity type
 * @param <R> the result type
 * @since 0.2.0
 */
@FunctionalInterface
public interface ScopedQuery<T, R> {
  /**
   * Runs the read.
   *
   * @param scope the compiled scope, the request after hooks, and the means to run SQL and build entities
   * @return the result
   */
  R run(QueryScope<T> scope);
}
