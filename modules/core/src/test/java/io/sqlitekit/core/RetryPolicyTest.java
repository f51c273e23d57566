package io.sqlitekit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.error.DuplicateKeyException;
import io.sqlitekit.spi.error.TransientConflictException;
import io.sqlitekit.spi.error.ValidationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final List<Duration> sleeps = new ArrayList<>();

  private <R> R run(RetryPolicy p, java.util.function.Supplier<R> work) {
    return p.run(work, sleeps::add, () -> 0.5);
  }

  @Test
  void retriesTransientConflictsUntilSuccess() {
    AtomicInteger calls = new AtomicInteger();
    RetryPolicy p = new RetryPolicy(5, Duration.ofMillis(10), Duration.ofMillis(100), 0);
    String r = run(p, () -> {
      if (calls.incrementAndGet() < 3) {
        throw new TransientConflictException("busy");
      }
      return "ok";
    });
    assertEquals("ok", r);
    assertEquals(3, calls.get());
    assertEquals(List.of(Duration.ofMillis(10), Duration.ofMillis(20)), sleeps);
  }

  @Test
  void boundedAttemptsRethrowTheLastTransientError() {
    AtomicInteger calls = new AtomicInteger();
    List<RuntimeException> thrown = new ArrayList<>();
    RetryPolicy p = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(1), 0);
    TransientConflictException e = assertThrows(TransientConflictException.class, () -> run(p, () -> {
      calls.incrementAndGet();
      TransientConflictException t = new TransientConflictException("busy " + calls.get());
      thrown.add(t);
      throw t;
    }));
    assertEquals(3, calls.get());
    assertSame(thrown.get(2), e);
    assertEquals(2, sleeps.size());
  }

  @Test
  void nonTransientErrorsPropagateAtOnceUnchanged() {
    AtomicInteger calls = new AtomicInteger();
    DuplicateKeyException dup = new DuplicateKeyException("duplicate id");
    DuplicateKeyException e = assertThrows(DuplicateKeyException.class, () -> run(RetryPolicy.defaults(), () -> {
      calls.incrementAndGet();
      throw dup;
    }));
    assertSame(dup, e);
    assertEquals(1, calls.get());
    assertTrue(sleeps.isEmpty());
    IllegalStateException ise = new IllegalStateException("x");
    assertSame(ise, assertThrows(IllegalStateException.class, () -> run(RetryPolicy.defaults(), () -> {
      throw ise;
    })));
  }

  @Test
  void noneRunsOnce() {
    AtomicInteger calls = new AtomicInteger();
    assertThrows(TransientConflictException.class, () -> run(RetryPolicy.none(), () -> {
      calls.incrementAndGet();
      throw new TransientConflictException("busy");
    }));
    assertEquals(1, calls.get());
    assertEquals(1, RetryPolicy.none().maxAttempts());
  }

  @Test
  void transientCauseIsRetryable() {
    assertTrue(RetryPolicy.isRetryable(new RuntimeException(new TransientConflictException("busy"))));
    assertFalse(RetryPolicy.isRetryable(new ValidationException("bad")));
    assertFalse(RetryPolicy.isRetryable(null));
  }

  @Test
  void backoffDoublesUpToTheCapWithJitterInsideBounds() {
    RetryPolicy p = new RetryPolicy(10, Duration.ofMillis(10), Duration.ofMillis(70), 0.5);
    assertEquals(Duration.ofMillis(10), p.delay(1, 0.5));
    assertEquals(Duration.ofMillis(20), p.delay(2, 0.5));
    assertEquals(Duration.ofMillis(40), p.delay(3, 0.5));
    assertEquals(Duration.ofMillis(70), p.delay(4, 0.5));
    assertEquals(Duration.ofMillis(70), p.delay(60, 0.5));
    assertEquals(Duration.ofMillis(5), p.delay(1, 0.0));
    assertEquals(Duration.ofMillis(15), p.delay(1, 1.0));
    assertEquals(Duration.ofMillis(70), p.delay(4, 1.0), "jitter never exceeds maxBackoff");
  }

  @Test
  void interruptStopsRetryingAndKeepsTheFlag() {
    TransientConflictException busy = new TransientConflictException("busy");
    RetryPolicy p = RetryPolicy.defaults();
    try {
      TransientConflictException e = assertThrows(TransientConflictException.class, () -> p.run(() -> {
        throw busy;
      }, d -> {
        throw new InterruptedException();
      }, () -> 0.5));
      assertSame(busy, e);
      assertTrue(Thread.currentThread().isInterrupted());
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void rejectsInvalidBounds() {
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 0));
    assertThrows(IllegalArgumentException.class,
        () -> new RetryPolicy(2, Duration.ofMillis(-1), Duration.ZERO, 0));
    assertThrows(IllegalArgumentException.class,
        () -> new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(1), 0));
    assertThrows(IllegalArgumentException.class,
        () -> new RetryPolicy(2, Duration.ZERO, Duration.ZERO, 1.5));
    assertThrows(IllegalArgumentException.class,
        () -> new RetryPolicy(2, Duration.ZERO, Duration.ZERO, Double.NaN));
    assertThrows(NullPointerException.class, () -> new RetryPolicy(2, null, Duration.ZERO, 0));
  }

  @Test
  void maxElapsedStopsNewAttemptsOnceTheNextDelayWouldPassIt() {
    long[] now = {0};
    AtomicInteger calls = new AtomicInteger();
    List<RuntimeException> thrown = new ArrayList<>();
    // Each attempt takes 40 ms on the fake clock, the delay is a fixed 10 ms: attempts start at 0, 50, 100.
    RetryPolicy p = new RetryPolicy(1000, Duration.ofMillis(10), Duration.ofMillis(10), 0, Duration.ofMillis(120));
    TransientConflictException e = assertThrows(TransientConflictException.class, () -> p.run(() -> {
      calls.incrementAndGet();
      now[0] += 40_000_000;
      TransientConflictException t = new TransientConflictException("busy " + calls.get());
      thrown.add(t);
      throw t;
    }, x -> true, d -> {
      sleeps.add(d);
      now[0] += d.toNanos();
    }, () -> 0.5, () -> now[0]));
    assertEquals(3, calls.get(), "the attempt at 150 ms would start past the 120 ms bound");
    assertSame(thrown.get(2), e);
    assertEquals(List.of(Duration.ofMillis(10), Duration.ofMillis(10)), sleeps);
  }

  @Test
  void retryIfRefusingATransientConflictRethrowsItAtOnce() {
    AtomicInteger calls = new AtomicInteger();
    TransientConflictException busy = new TransientConflictException("busy after the work started");
    assertSame(busy, assertThrows(TransientConflictException.class, () -> RetryPolicy.lockDefaults().run(() -> {
      calls.incrementAndGet();
      throw busy;
    }, e -> false)));
    assertEquals(1, calls.get());
  }

  @Test
  void lockDefaultsAreBoundedByTimeAndTheFourArgumentFormByAttemptsOnly() {
    RetryPolicy lock = RetryPolicy.lockDefaults();
    assertEquals(Duration.ofSeconds(30), lock.maxElapsed());
    assertEquals(Duration.ofMillis(10), lock.initialBackoff());
    assertEquals(Duration.ofMillis(500), lock.maxBackoff());
    assertEquals(0.5, lock.jitter());
    assertEquals(Duration.ofMillis(250), lock.withMaxElapsed(Duration.ofMillis(250)).maxElapsed());
    RetryPolicy attemptsOnly = new RetryPolicy(3, Duration.ZERO, Duration.ZERO, 0);
    assertTrue(attemptsOnly.maxElapsed().compareTo(Duration.ofDays(365L * 1000)) > 0);
    // An unbounded time limit must not overflow the elapsed check: the attempts end it.
    AtomicInteger calls = new AtomicInteger();
    assertThrows(TransientConflictException.class, () -> run(attemptsOnly, () -> {
      calls.incrementAndGet();
      throw new TransientConflictException("busy");
    }));
    assertEquals(3, calls.get());
  }

  @Test
  void rejectsAnInvalidTimeBound() {
    assertThrows(IllegalArgumentException.class,
        () -> new RetryPolicy(2, Duration.ZERO, Duration.ZERO, 0, Duration.ofMillis(-1)));
    assertThrows(NullPointerException.class, () -> new RetryPolicy(2, Duration.ZERO, Duration.ZERO, 0, null));
    assertThrows(IllegalArgumentException.class,
        () -> RetryPolicy.lockDefaults().withMaxElapsed(Duration.ofSeconds(-1)));
  }
}
