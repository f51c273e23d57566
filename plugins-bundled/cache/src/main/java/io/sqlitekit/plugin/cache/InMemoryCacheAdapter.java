package io.sqlitekit.plugin.cache;

import io.sqlitekit.spi.cache.CacheAdapter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An unbounded {@link CacheAdapter} over a concurrent map, for tests: expiry is checked on read against an
 * injectable clock, and lookups are counted. Thread-safe. Not for production (nothing bounds its size).
 *
 * @since 0.1.0
 */
public final class InMemoryCacheAdapter implements CacheAdapter {
  private final ConcurrentHashMap<String, Held> map = new ConcurrentHashMap<>();
  private final Clock clock;
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();

  /** Creates an adapter that expires entries by the system UTC clock. */
  public InMemoryCacheAdapter() {
    this(Clock.systemUTC());
  }

  /**
   * Creates an adapter that expires entries by the given clock.
   *
   * @param clock the clock
   * @throws NullPointerException if {@code clock} is null
   */
  public InMemoryCacheAdapter(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Optional<Object> get(String key) {
    Objects.requireNonNull(key, "key");
    Held held = map.get(key);
    if (held != null && held.expiresAt != null && !clock.instant().isBefore(held.expiresAt)) {
      map.remove(key, held);
      held = null;
    }
    if (held == null) {
      misses.incrementAndGet();
      return Optional.empty();
    }
    hits.incrementAndGet();
    return Optional.of(held.value);
  }

  @Override
  public void put(String key, Object value, Duration ttl) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(ttl, "ttl");
    map.put(key, new Held(value, ttl.isZero() ? null : clock.instant().plus(ttl)));
  }

  @Override
  public void invalidate(String key) {
    map.remove(Objects.requireNonNull(key, "key"));
  }

  @Override
  public void invalidatePrefix(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    map.keySet().removeIf(k -> k.startsWith(prefix));
  }

  @Override
  public void clear() {
    map.clear();
  }

  /**
   * Returns the number of stored entries, expired ones included until read.
   *
   * @return the size
   */
  public int size() {
    return map.size();
  }

  /**
   * Returns how many lookups found a live entry.
   *
   * @return the hit count
   */
  public long hitCount() {
    return hits.get();
  }

  /**
   * Returns how many lookups found nothing (or an expired entry).
   *
   * @return the miss count
   */
  public long missCount() {
    return misses.get();
  }

  private static final class Held {
    final Object value;
    final Instant expiresAt;

    Held(Object value, Instant expiresAt) {
      this.value = value;
      this.expiresAt = expiresAt;
    }
  }
}
