package io.sqlitekit.plugin.cache;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Settings of the cache plugin. Immutable; copy with the {@code withX} methods.
 *
 * <p>Defaults: at most 10,000 entries, each valid for 60 seconds. Per call, {@link CachePlugin#BYPASS_CACHE}
 * skips the cache (neither read nor filled).
 *
 * @param maximumSize the most entries the default Caffeine store keeps (least recently used go first);
 *     ignored when an adapter is passed to {@link CachePlugin#create(CacheOptions, io.sqlitekit.spi.cache.CacheAdapter)}
 * @param ttl how long an entry stays valid after it was stored; {@link Duration#ZERO} means until evicted or
 *     invalidated
 * @since 0.1.0
 */
public record CacheOptions(long maximumSize, Duration ttl) {
  /**
   * Validates the options.
   *
   * @throws IllegalArgumentException if {@code maximumSize} is not positive or {@code ttl} is negative
   * @throws NullPointerException if {@code ttl} is null
   */
  public CacheOptions {
    if (maximumSize <= 0) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "maximumSize must be positive but was %d", maximumSize));
    }
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must not be negative but was " + ttl);
    }
  }

  /**
   * Returns the default options: 10,000 entries, 60 seconds.
   *
   * @return the defaults
   */
  public static CacheOptions defaults() {
    return new CacheOptions(10_000, Duration.ofSeconds(60));
  }

  /**
   * Returns a copy with another maximum size.
   *
   * @param size the most entries kept, positive
   * @return the new options
   * @throws IllegalArgumentException if {@code size} is not positive
   */
  public CacheOptions withMaximumSize(long size) {
    return new CacheOptions(size, ttl);
  }

  /**
   * Returns a copy with another time to live.
   *
   * @param duration how long entries stay valid; zero for no expiry
   * @return the new options
   * @throws IllegalArgumentException if {@code duration} is negative
   */
  public CacheOptions withTtl(Duration duration) {
    return new CacheOptions(maximumSize, duration);
  }
}
