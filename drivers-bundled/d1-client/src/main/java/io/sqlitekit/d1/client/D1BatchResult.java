package io.sqlitekit.d1.client;

import java.util.List;

/**
 * The answer to an atomic {@link D1Client#batch(List) batch}.
 *
 * <p>A batch travels as one multi-statement request, and D1 decides how many results it returns for it:
 * the local D1 (wrangler 4.86.0) returns only the last statement's result, with {@code changes} counting
 * all statements together. So {@link #results()} may hold fewer entries than statements;
 * {@link #perStatement()} tells which case it is, and {@link #totalChanges()} is right in both.
 *
 * @param results the results D1 returned, in order
 * @param statementCount how many statements the batch had
 * @since 0.1.0
 */
public record D1BatchResult(List<D1Result> results, int statementCount) {
  /**
   * Copies the results.
   *
   * @param results the results
   * @param statementCount the statement count
   */
  public D1BatchResult {
    results = List.copyOf(results);
  }

  /**
   * Whether D1 returned one result per statement.
   *
   * @return true if {@code results().size() == statementCount()}
   */
  public boolean perStatement() {
    return results.size() == statementCount;
  }

  /**
   * The last result: the last statement's rows (e.g. a closing {@code SELECT}).
   *
   * @return the last result
   */
  public D1Result last() {
    return results.get(results.size() - 1);
  }

  /**
   * The rows changed by the whole batch.
   *
   * @return the sum of the results' {@link D1Result#changes()}
   */
  public long totalChanges() {
    long sum = 0;
    for (D1Result r : results) {
      sum += r.changes();
    }
    return sum;
  }
}
