package io.sqlitekit.plugin.cache;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Settings of the cache plugin. Immutable; copy with the {@code withX} methods.
 *
 * <p>Defaults: at most 10,000 entries, each valid for 60 seconds, other connections' and processes' commits
 * looked for every second. Per call, {@link CachePlugin#BYPASS_CACHE} skips the cache (neither read nor
 * filled).
 *
 * @param maximumSize the most entries the default Caffeine store keeps (least recently used go first);
 *     ignored when an adapter is passed to {@link CachePlugin#create(CacheOptions, io.sqlitekit.spi.cache.CacheAdapter)}
 * @param ttl how long an entry stays valid after it was stored; {@link Duration#ZERO} means until evicted or
 *     invalidated
 * @param externalChangePoll how often the plugin asks the database whether another connection or process
 *     committed ({@code PRAGMA data_version}), on drivers that {@linkplain
 *     io.sqlitekit.spi.driver.SqliteDriver#supportsChangeNotifications() report changes}; such a commit
 *     invalidates every table of that database. {@link Duration#ZERO} turns polling off (writes through this
 *     process's driver, raw SQL included, are still seen at once)
 * @since 0.1.0
 */
public record CacheOptions(long maximumSize, Duration ttl, Duration externalChangePoll) {
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
    Objects.requireNonNull(externalChangePoll, "externalChangePoll");
    if (externalChangePoll.isNegative()) {
      throw new IllegalArgumentException("externalChangePoll must not be negative but was " + externalChangePoll);
    }
  }

  /**
   * Options with the default external-change polling (every second).
   *
   * @param maximumSize the most entries the default store keeps
   * @param ttl how long an entry stays valid
   * @throws IllegalArgumentException if {@code maximumSize} is not positive or {@code ttl} is negative
   */
  public CacheOptions(long maximumSize, Duration ttl) {
    this(maximumSize, ttl, DEFAULT_POLL);
  }

  private static final Duration DEFAULT_POLL = Duration.ofSeconds(1);

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
    return new CacheOptions(size, ttl, externalChangePoll);
  }

  /**
   * Returns a copy with another time to live.
   *
   * @param duration how long entries stay valid; zero for no expiry
   * @return the new options
   * @throws IllegalArgumentException if {@code duration} is negative
   */
  public CacheOptions withTtl(Duration duration) {
    return new CacheOptions(maximumSize, duration, externalChangePoll);
  }

  /**
   * Returns a copy with another polling interval for commits by other connections and processes.
   *
   * @param interval the interval; zero turns polling off
   * @return the new options
   * @throws IllegalArgumentException if {@code interval} is negative
   * @since 0.2.0
   */
  public CacheOptions withExternalChangePoll(Duration interval) {
    return new CacheOptions(maximumSize, ttl, interval);
  }
}
