package io.sqlitekit.plugin.cache.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Internal, not API, may change. The write generation of one table, a seqlock in all but name.
 *
 * <p>Protocol: a write calls {@link #beginWrite()} before it reaches the database and {@link #endWrite()}
 * once it is committed or rolled back (for a transaction: when the outermost transaction ends). Both bump
 * the generation; {@code inFlight} counts writes between the two. A read may use the cache only if, after
 * it read generation {@code g}, it finds no write in flight, and it trusts a hit or stores a result only if
 * the generation is still {@code g} afterwards.
 *
 * <p>Why no stale read: every commit happens strictly between the two bumps of its write. A reader that saw
 * {@code g}, then {@code inFlight == 0}, then {@code g} again, ran wholly inside an interval in which no
 * write was in flight and none started (it would have bumped), so the database held one state, the state
 * after every write that ended at or before {@code g}. Every entry stored under {@code g} was read under
 * the same condition and therefore holds the same state. Generations never repeat, so entries of older
 * generations are unreachable garbage, removed eagerly by the plugin and by eviction.
 */
final class TableGeneration {
  private final AtomicLong generation = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();

  long current() {
    return generation.get();
  }

  boolean quiet() {
    return inFlight.get() == 0;
  }

  void beginWrite() {
    inFlight.incrementAndGet();
    generation.incrementAndGet();
  }

  void endWrite() {
    generation.incrementAndGet();
    inFlight.decrementAndGet();
  }
}
