package io.sqlitekit.support.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reader pool: one thread per connection at a time, waits while all are lent, drains for close. */
final class ReaderPoolTest {
  private final ExecutorService threads = Executors.newFixedThreadPool(16);

  @AfterEach
  void tearDown() throws InterruptedException {
    threads.shutdownNow();
    assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
  }

  @Test
  void sixteenThreads_neverShareAConnection_andEveryConnectionComesBack() throws Exception {
    ReaderPool<Integer> pool = new ReaderPool<>(List.of(0, 1, 2, 3));
    AtomicIntegerArray users = new AtomicIntegerArray(4);
    AtomicIntegerArray used = new AtomicIntegerArray(4);
    AtomicBoolean shared = new AtomicBoolean();
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 16; t++) {
      done.add(threads.submit(() -> {
        for (int i = 0; i < 20_000; i++) {
          int slot = pool.borrow(() -> true);
          int c = pool.connection(slot);
          if (users.incrementAndGet(c) != 1) {
            shared.set(true);
          }
          used.incrementAndGet(c);
          users.decrementAndGet(c);
          pool.release(slot);
        }
      }));
    }
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }
    assertFalse(shared.get(), "a connection was lent to two threads at once");
    int total = 0;
    for (int c = 0; c < 4; c++) {
      total += used.get(c);
    }
    assertEquals(16 * 20_000, total);
    assertFalse(pool.anyLent());
    assertEquals(List.of(0, 1, 2, 3), pool.drain().stream().sorted().toList());
  }

  @Test
  void aThreadPrefersTheConnectionItHadLast() {
    ReaderPool<String> pool = new ReaderPool<>(List.of("a", "b", "c"));
    int first = pool.borrow(() -> true);
    pool.release(first);
    for (int i = 0; i < 10; i++) {
      int slot = pool.borrow(() -> true);
      assertEquals(first, slot);
      pool.release(slot);
    }
  }

  @Test
  void borrowWaitsWhileAllAreLent_andTakesTheOneReleased() throws Exception {
    ReaderPool<String> pool = new ReaderPool<>(List.of("only"));
    int held = pool.borrow(() -> true);
    assertTrue(pool.anyLent());
    CountDownLatch started = new CountDownLatch(1);
    Future<String> waiter = threads.submit(() -> {
      started.countDown();
      int slot = pool.borrow(() -> true);
      try {
        return pool.connection(slot);
      } finally {
        pool.release(slot);
      }
    });
    started.await();
    Thread.sleep(100);
    assertFalse(waiter.isDone(), "borrowed while the only connection was lent");
    pool.release(held);
    assertEquals("only", waiter.get(10, TimeUnit.SECONDS));
  }

  @Test
  void aWaitingBorrowEndsWhenThePoolCloses() throws Exception {
    ReaderPool<String> pool = new ReaderPool<>(List.of("only"));
    int held = pool.borrow(() -> true);
    AtomicBoolean open = new AtomicBoolean(true);
    Future<?> waiter = threads.submit(() -> pool.borrow(open::get));
    Thread.sleep(100);
    open.set(false);
    java.util.concurrent.ExecutionException e =
        assertThrows(java.util.concurrent.ExecutionException.class, () -> waiter.get(10, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof IllegalStateException, e.getCause().toString());
    pool.release(held);
    assertEquals(List.of("only"), pool.drain());
  }

  @Test
  void drainWaitsForALentConnection() throws Exception {
    ReaderPool<String> pool = new ReaderPool<>(List.of("a", "b"));
    int held = pool.borrow(() -> true);
    Future<List<String>> drained = threads.submit(pool::drain);
    Thread.sleep(100);
    assertFalse(drained.isDone(), "drain returned while a connection was lent");
    pool.release(held);
    assertEquals(List.of("a", "b"), drained.get(10, TimeUnit.SECONDS).stream().sorted().toList());
  }
}
