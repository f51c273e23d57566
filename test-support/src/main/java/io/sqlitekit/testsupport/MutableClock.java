package io.sqlitekit.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A UTC clock that moves only when a test tells it to, so time-dependent code can be checked without
 * sleeping. Safe to read and advance from several threads.
 *
 * @since 0.1.0
 */
public final class MutableClock extends Clock {
  private final AtomicReference<Instant> now;

  /**
   * Creates a clock that reads {@code start} until advanced.
   *
   * @param start the first instant
   */
  public MutableClock(Instant start) {
    this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
  }

  /**
   * Moves the clock by {@code d} (which may be negative).
   *
   * @param d the amount to move
   */
  public void advance(Duration d) {
    now.updateAndGet(i -> i.plus(d));
  }

  /**
   * Always UTC.
   *
   * @return {@link ZoneOffset#UTC}
   */
  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /**
   * Ignores the zone: the tests only compare instants.
   *
   * @param zone ignored
   * @return this clock
   */
  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  /**
   * The current instant of this clock.
   *
   * @return the start plus every advance so far
   */
  @Override
  public Instant instant() {
    return now.get();
  }
}
