package io.sqlitekit.plugin.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.sqlitekit.spi.cache.CacheAdapter;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link CacheAdapter} backed by a bounded Caffeine cache: size-based eviction (window TinyLFU) and a
 * per-entry time to live as given to {@link #put}. Thread-safe.
 *
 * <p>{@link #invalidatePrefix} scans the keys, so its cost grows with the number of entries.
 *
 * @since 0.1.0
 */
public final class CaffeineCacheAdapter implements CacheAdapter {
  private final Cache<String, Held> cache;

  /**
   * Creates an adapter.
   *
   * @param maximumSize the most entries kept, positive
   * @throws IllegalArgumentException if {@code maximumSize} is not positive
   */
  public CaffeineCacheAdapter(long maximumSize) {
    if (maximumSize <= 0) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "maximumSize must be positive but was %d", maximumSize));
    }
    this.cache = Caffeine.newBuilder().maximumSize(maximumSize).expireAfter(new PerEntry())
        // Maintenance on the calling thread: no work leaks into the common ForkJoinPool of the application.
        .executor(Runnable::run).build();
  }

  @Override
  public Optional<Object> get(String key) {
    Held held = cache.getIfPresent(Objects.requireNonNull(key, "key"));
    return held == null ? Optional.empty() : Optional.of(held.value);
  }

  @Override
  public void put(String key, Object value, Duration ttl) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(ttl, "ttl");
    long nanos = ttl.isZero() ? Long.MAX_VALUE : saturatedNanos(ttl);
    cache.put(key, new Held(value, nanos));
  }

  @Override
  public void invalidate(String key) {
    cache.invalidate(Objects.requireNonNull(key, "key"));
  }

  @Override
  public void invalidatePrefix(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    cache.asMap().keySet().removeIf(k -> k.startsWith(prefix));
  }

  @Override
  public void clear() {
    cache.invalidateAll();
  }

  /**
   * Returns the number of entries after pending evictions ran (approximate under concurrent writes).
   *
   * @return the estimated size
   */
  public long estimatedSize() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  private static long saturatedNanos(Duration ttl) {
    try {
      return ttl.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  private static final class Held {
    final Object value;
    final long ttlNanos;

    Held(Object value, long ttlNanos) {
      this.value = value;
      this.ttlNanos = ttlNanos;
    }
  }

  private static final class PerEntry implements Expiry<String, Held> {
    @Override
    public long expireAfterCreate(String key, Held value, long currentTime) {
      return value.ttlNanos;
    }

    @Override
    public long expireAfterUpdate(String key, Held value, long currentTime, long currentDuration) {
      return value.ttlNanos;
    }

    @Override
    public long expireAfterRead(String key, Held value, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
