package io.sqlitekit.support.driver;

import io.sqlitekit.spi.error.DataAccessException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.BooleanSupplier;

/**
 * The reader connections of a {@link TransactionScope}: each lent to one thread at a time, a thread preferring
 * the connection it had last.
 *
 * <p>Why not a fair blocking queue: under many threads a fair queue hands every returned connection to the
 * longest waiter, which must first be scheduled, while runnable threads that could use it wait behind it; on a
 * two-core machine with sixteen threads that left a core idle most of the time (thread dumps: 11 of 16 threads
 * parked in the queue's lock, the process at about one core). Here a returned connection goes to whichever
 * thread asks first, waiting threads included, so no core idles while a connection is free.
 */
final class ReaderPool<C> {
  private static final long POLL_MILLIS = 50;

  private final Object[] connections;
  /** 1 while slot i is lent out. */
  private final AtomicIntegerArray lent;
  /** One permit per connection not lent out; barging, see the class comment. */
  private final Semaphore free;
  /** The slot this thread borrowed last: its first try, and a spread of threads over the slots. */
  private final ThreadLocal<int[]> preferred = ThreadLocal.withInitial(() -> new int[] {-1});

  ReaderPool(List<C> readers) {
    this.connections = readers.toArray();
    this.lent = new AtomicIntegerArray(connections.length);
    this.free = new Semaphore(connections.length, false);
  }

  /** Returns whether some connection is lent out right now. */
  boolean anyLent() {
    return free.availablePermits() < connections.length;
  }

  /**
   * Borrows a connection, waiting as long as needed while {@code open} holds.
   *
   * @return the slot of the connection; give it back with {@link #release}
   * @throws IllegalStateException when {@code open} turns false while waiting
   */
  int borrow(BooleanSupplier open) {
    try {
      while (!free.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        if (!open.getAsBoolean()) {
          throw new IllegalStateException("driver closed");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DataAccessException("interrupted while waiting for a reader connection", e);
    }
    int[] hint = preferred.get();
    int start = hint[0] >= 0 ? hint[0] : (int) (Thread.currentThread().getId() % connections.length);
    hint[0] = claim(start);
    return hint[0];
  }

  /**
   * Marks a free slot lent, trying {@code start} first. The caller holds a permit, so a free slot exists; another
   * permit holder may take the one seen free first, so it goes round.
   */
  private int claim(int start) {
    int n = connections.length;
    for (int i = start; ; i = i + 1 == n ? 0 : i + 1) {
      if (lent.get(i) == 0 && lent.compareAndSet(i, 0, 1)) {
        return i;
      }
    }
  }

  @SuppressWarnings("unchecked")
  C connection(int slot) {
    return (C) connections[slot];
  }

  void release(int slot) {
    lent.set(slot, 0);
    free.release();
  }

  /**
   * Takes every connection back once it is returned, for close; when interrupted it stops waiting and returns
   * what is free (the rest stay lent to work that outlives the close).
   */
  List<C> drain() {
    List<C> drained = new ArrayList<>();
    try {
      for (int i = 0; i < connections.length; i++) {
        free.acquire();
        drained.add(connection(claim(0)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      while (free.tryAcquire()) {
        drained.add(connection(claim(0)));
      }
    }
    return drained;
  }
}
