package io.sqlitekit.core;

import io.sqlitekit.spi.error.RepositoryException;
import io.sqlitekit.spi.error.TransientConflictException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
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
 * unchanged. After {@code maxAttempts} attempts the last transient exception is rethrown. The delay before
 * attempt {@code n + 1} is {@code min(maxBackoff, initialBackoff * 2^(n-1))}, spread by {@code ±jitter}.
 *
 * <p>Set it on the kit ({@link SqliteKit.Builder#retryPolicy}) to apply it to every outermost write
 * transaction, or call {@link #run} yourself. Wrap a whole write call or a whole transaction ({@code withTransaction}, {@code inTransaction},
 * {@link Batch#run}), never a single statement inside a running transaction: a transient conflict can
 * only happen when a transaction starts, and retrying inside it would repeat part of the work. A
 * transaction body may run several times, so it must not have side effects outside the database.
 *
 * @param maxAttempts how many times the work runs at most, at least 1 (1 means no retry)
 * @param initialBackoff the delay before the first retry, not negative
 * @param maxBackoff the largest delay, not below {@code initialBackoff}
 * @param jitter the relative random spread of each delay, from 0 (none) to 1
 * @since 0.1.0
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double jitter) {
  private static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 0);
  private static final RetryPolicy DEFAULTS =
      new RetryPolicy(8, Duration.ofMillis(20), Duration.ofMillis(1000), 0.25);

  /**
   * Validates the policy.
   *
   * @param maxAttempts how many times the work runs at most, at least 1
   * @param initialBackoff the delay before the first retry, not negative
   * @param maxBackoff the largest delay, not below {@code initialBackoff}
   * @param jitter the relative random spread of each delay, from 0 to 1
   * @throws NullPointerException if a duration is null
   * @throws IllegalArgumentException if a bound is out of range
   */
  public RetryPolicy {
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
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
   * Returns the default policy: 8 attempts, backoff from 20 ms doubling up to 1 s, ±25 % jitter.
   *
   * @return the default policy
   */
  public static RetryPolicy defaults() {
    return DEFAULTS;
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
   *     the attempts are used up (or the waiting thread is interrupted, which stays flagged)
   */
  public <R> R run(Supplier<R> work) {
    return run(work, RetryPolicy::sleep, () -> ThreadLocalRandom.current().nextDouble());
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
    Objects.requireNonNull(work, "work");
    for (int attempt = 1; ; attempt++) {
      try {
        return work.get();
      } catch (RuntimeException e) {
        if (attempt >= maxAttempts || !isRetryable(e)) {
          throw e;
        }
        try {
          sleeper.sleep(delay(attempt, random.getAsDouble()));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          e.addSuppressed(ie);
          throw e;
        }
      }
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
