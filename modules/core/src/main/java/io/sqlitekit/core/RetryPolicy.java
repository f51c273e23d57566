package io.sqlitekit.core;

import io.sqlitekit.spi.error.RepositoryException;
import io.sqlitekit.spi.error.TransientConflictException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A bounded retry of whole units of work that failed with a transient conflict (another process held the
 * write lock beyond {@code busy_timeout}, or the in-process writer queue timed out).
 *
 * <pre>{@code
 * Optional<Doc> d = RetryPolicy.defaults().run(() -> docs.update(id, Update.inc("n", 1)));
 * }</pre>
 *
 * <p>Only transient conflicts are retried ({@link #isRetryable}); any other exception propagates at once,
 * unchanged. The work runs at most {@code maxAttempts} times, and no new attempt starts once
 * {@code maxElapsed} would have passed since the first one began (an attempt already running is bounded by
 * its own waits: {@code busy_timeout}, the writer-queue timeout); then the last transient exception is
 * rethrown. The delay before attempt {@code n + 1} is {@code min(maxBackoff, initialBackoff * 2^(n-1))},
 * spread by {@code ±jitter}, so processes that collided do not retry in lockstep.
 *
 * <p>The kit uses policies in two places, and only one of them can re-run user code:
 * <ul>
 *   <li>{@link SqliteKit.Builder#lockRetry} (on by default, {@link #lockDefaults()}): a write whose
 *       transaction could not even start, because SQLite's write lock stayed held beyond {@code busy_timeout},
 *       is tried again. Its body never ran and nothing of it was applied, so this is always safe, also for
 *       {@code withTransaction} bodies with side effects.</li>
 *   <li>{@link SqliteKit.Builder#retryPolicy} (off by default): re-runs a whole outermost write transaction
 *       after a transient conflict wherever it happened, so a body may run more than once and must not have
 *       side effects outside the database.</li>
 * </ul>
 * Call {@link #run} yourself to wrap a whole write call or a whole transaction ({@code withTransaction},
 * {@code inTransaction}, {@link Batch#run}), never a single statement inside a running transaction:
 * retrying inside it would repeat part of the work.
 *
 * @param maxAttempts how many times the work runs at most, at least 1 (1 means no retry)
 * @param initialBackoff the delay before the first retry, not negative
 * @param maxBackoff the largest delay, not below {@code initialBackoff}
 * @param jitter the relative random spread of each delay, from 0 (none) to 1
 * @param maxElapsed the time after the first attempt began past which no new attempt starts, not negative
 * @since 0.1.0
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double jitter,
    Duration maxElapsed) {
  /** No time bound: only {@code maxAttempts} ends the retries. */
  private static final Duration UNBOUNDED = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);
  private static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 0);
  private static final RetryPolicy DEFAULTS =
      new RetryPolicy(8, Duration.ofMillis(20), Duration.ofMillis(1000), 0.25);
  private static final RetryPolicy LOCK_DEFAULTS =
      new RetryPolicy(Integer.MAX_VALUE, Duration.ofMillis(10), Duration.ofMillis(500), 0.5, Duration.ofSeconds(30));

  /**
   * Validates the policy.
   *
   * @param maxAttempts how many times the work runs at most, at least 1
   * @param initialBackoff the delay before the first retry, not negative
   * @param maxBackoff the largest delay, not below {@code initialBackoff}
   * @param jitter the relative random spread of each delay, from 0 to 1
   * @param maxElapsed the time after which no new attempt starts, not negative
   * @throws NullPointerException if a duration is null
   * @throws IllegalArgumentException if a bound is out of range
   */
  public RetryPolicy {
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(maxElapsed, "maxElapsed");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
    }
    if (initialBackoff.isNegative()) {
      throw new IllegalArgumentException("initialBackoff must not be negative");
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff must not be below initialBackoff");
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "jitter must be within [0, 1], was %s", jitter));
    }
    if (maxElapsed.isNegative()) {
      throw new IllegalArgumentException("maxElapsed must not be negative");
    }
  }

  /**
   * Creates a policy bounded by its number of attempts only.
   *
   * @param maxAttempts how many times the work runs at most, at least 1
   * @param initialBackoff the delay before the first retry, not negative
   * @param maxBackoff the largest delay, not below {@code initialBackoff}
   * @param jitter the relative random spread of each delay, from 0 to 1
   * @throws NullPointerException if a duration is null
   * @throws IllegalArgumentException if a bound is out of range
   */
  public RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double jitter) {
    this(maxAttempts, initialBackoff, maxBackoff, jitter, UNBOUNDED);
  }

  /**
   * Returns the policy that runs the work once and never retries.
   *
   * @return the no-retry policy
   */
  public static RetryPolicy none() {
    return NONE;
  }

  /**
   * Returns the default policy for whole units of work: 8 attempts, backoff from 20 ms doubling up to 1 s,
   * ±25 % jitter, no time bound.
   *
   * @return the default policy
   */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /**
   * Returns the kit's default {@linkplain SqliteKit.Builder#lockRetry lock retry}: new attempts for up to
   * 30 s after the first began, backoff from 10 ms doubling up to 500 ms, ±50 % jitter. Each attempt itself
   * waits up to {@code busy_timeout} (5 s in the {@code PRODUCTION} preset) inside SQLite, so a write gives up
   * after about 35 s at most.
   *
   * @return the lock retry defaults
   */
  public static RetryPolicy lockDefaults() {
    return LOCK_DEFAULTS;
  }

  /**
   * Returns a copy with another time bound.
   *
   * @param bound the time after the first attempt began past which no new attempt starts, not negative
   * @return the new policy
   * @throws IllegalArgumentException if the bound is negative
   */
  public RetryPolicy withMaxElapsed(Duration bound) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, jitter, bound);
  }

  /**
   * Returns whether an exception (or any of its causes) is a transient conflict worth retrying.
   *
   * @param error any throwable, possibly null
   * @return true for {@link TransientConflictException} and other transient repository exceptions
   */
  public static boolean isRetryable(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TransientConflictException
          || t instanceof RepositoryException && ((RepositoryException) t).isTransient()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Runs the work, retrying it after transient conflicts as this policy allows.
   *
   * @param work a whole write call or transaction
   * @param <R> the result type
   * @return the work's result from the first attempt that succeeded
   * @throws RuntimeException the work's non-transient exception unchanged, or the last transient one when
   *     the attempts or the time are used up (or the waiting thread is interrupted, which stays flagged)
   */
  public <R> R run(Supplier<R> work) {
    return run(work, e -> true);
  }

  /**
   * Runs the work, retrying only the transient conflicts that {@code retryIf} also accepts: the caller's
   * knowledge of what is safe to repeat (for example "the transaction never started").
   *
   * @param work a whole write call or transaction
   * @param retryIf called with each transient failure; false rethrows it at once
   * @param <R> the result type
   * @return the work's result from the first attempt that succeeded
   * @throws RuntimeException as {@link #run(Supplier)}, and any transient failure {@code retryIf} refused
   */
  public <R> R run(Supplier<R> work, Predicate<? super RuntimeException> retryIf) {
    return run(work, retryIf, RetryPolicy::sleep, () -> ThreadLocalRandom.current().nextDouble(), System::nanoTime);
  }

  /** Sleeps between attempts; a seam so unit tests need no real waiting. */
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private static void sleep(Duration d) throws InterruptedException {
    if (!d.isZero()) {
      Thread.sleep(d.toMillis(), d.getNano() % 1_000_000);
    }
  }

  <R> R run(Supplier<R> work, Sleeper sleeper, DoubleSupplier random) {
    return run(work, e -> true, sleeper, random, System::nanoTime);
  }

  <R> R run(Supplier<R> work, Predicate<? super RuntimeException> retryIf, Sleeper sleeper, DoubleSupplier random,
      LongSupplier nanoClock) {
    Objects.requireNonNull(work, "work");
    Objects.requireNonNull(retryIf, "retryIf");
    long begin = nanoClock.getAsLong();
    long bound = saturatedNanos(maxElapsed);
    for (int attempt = 1; ; attempt++) {
      try {
        return work.get();
      } catch (RuntimeException e) {
        if (attempt >= maxAttempts || !isRetryable(e) || !retryIf.test(e)) {
          throw e;
        }
        Duration d = delay(attempt, random.getAsDouble());
        // Both sides are non-negative, so this cannot overflow; a delay longer than the bound ends it too.
        if (nanoClock.getAsLong() - begin > bound - d.toNanos()) {
          throw e;
        }
        try {
          sleeper.sleep(d);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          e.addSuppressed(ie);
          throw e;
        }
      }
    }
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * Returns the delay before retry number {@code retry} (1-based) for a uniform random value in [0, 1).
   *
   * @param retry the retry number
   * @param random the random value
   * @return the delay
   */
  Duration delay(int retry, double random) {
    long base = initialBackoff.toNanos();
    long cap = maxBackoff.toNanos();
    long d = base;
    for (int i = 1; i < retry && d < cap; i++) {
      d = d > cap / 2 ? cap : d * 2;
    }
    d = Math.min(d, cap);
    double spread = 1 + jitter * (2 * random - 1);
    return Duration.ofNanos(Math.min(cap, Math.max(0, Math.round(d * spread))));
  }
}
