package io.sqlitekit.core;

import io.sqlitekit.core.internal.exec.AtomicBatch;
import io.sqlitekit.spi.BatchResult;
import io.sqlitekit.spi.driver.SqliteDriver;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs batches as one atomic script on a driver without interactive transactions (Cloudflare D1), where a
 * transaction around several repository calls cannot exist.
 *
 * <p>A cross-repository {@link Batch#run} still runs each repository's segment through that repository's
 * {@code batch}, so its hooks apply. The segments are chained: the first segment's execution, inside its hooks,
 * starts the next segment's {@code batch}, and so on; the last one sends the statements of every segment as one
 * script, and each segment returns its share of the results to its own hooks on the way back. So every hook sees
 * the real outcome, and a failure anywhere reaches every segment's hooks with nothing applied.
 */
final class AtomicChain {
  private static final ThreadLocal<AtomicChain> CURRENT = new ThreadLocal<>();
  private final List<Runnable> segments;
  private int next;
  private final List<AtomicBatch.Part<?>> parts = new ArrayList<>();
  private List<List<BatchResult<?>>> results;

  private AtomicChain(List<Runnable> segments) {
    this.segments = segments;
  }

  /**
   * Runs the segments of a {@link Batch#run} as one script.
   *
   * @param segments each runs one repository's {@code batch} of its statements
   * @return every statement's result, in order
   */
  static List<BatchResult<?>> run(List<Runnable> segments) {
    AtomicChain c = new AtomicChain(segments);
    AtomicChain outer = CURRENT.get();
    try {
      c.startNext();
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
    List<BatchResult<?>> out = new ArrayList<>();
    for (List<BatchResult<?>> r : c.results) {
      out.addAll(r);
    }
    return out;
  }

  private void startNext() {
    CURRENT.set(this);
    segments.get(next++).run();
  }

  /**
   * Runs one repository's batch: alone, or as its share of the running {@link Batch#run}.
   *
   * @param driver the kit's driver
   * @param part the repository's statements, after its hooks
   * @param <T> the entity type
   * @return the part's results
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static <T> List<BatchResult<T>> runBatch(SqliteDriver driver, AtomicBatch.Part<T> part) {
    AtomicChain c = CURRENT.get();
    // Taken off the thread at once, so a hook of this segment that runs a batch of its own is not swallowed.
    CURRENT.remove();
    if (c == null) {
      return (List) execute(driver, List.of(part)).get(0);
    }
    int index = c.parts.size();
    c.parts.add(part);
    if (c.next < c.segments.size()) {
      c.startNext();
    } else {
      c.results = execute(driver, c.parts);
    }
    return (List) c.results.get(index);
  }

  private static List<List<BatchResult<?>>> execute(SqliteDriver driver, List<AtomicBatch.Part<?>> parts) {
    AtomicBatch b = new AtomicBatch(parts);
    return driver.write(b::run);
  }
}
