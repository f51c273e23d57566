package io.sqlitekit.spi.cache;

import java.time.Duration;
import java.util.Optional;

/**
 * Storage behind the cache plugin. Implementations must be thread-safe; values are immutable results
 * (lists, pages, optionals of records or unmodifiable maps) and are returned as stored.
 *
 * @since 0.1.0
 */
public interface CacheAdapter {
  /**
   * Looks a key up.
   *
   * @param key the key
   * @return the value, or empty on a miss or expiry
   */
  Optional<Object> get(String key);

  /**
   * Stores a value.
   *
   * @param key the key
   * @param value the value, never null
   * @param ttl how long it stays valid; {@link Duration#ZERO} means no expiry
   */
  void put(String key, Object value, Duration ttl);

  /**
   * Removes one key.
   *
   * @param key the key
   */
  void invalidate(String key);

  /**
   * Removes every key starting with the prefix.
   *
   * @param prefix the prefix
   */
  void invalidatePrefix(String prefix);

  /** Removes everything. */
  void clear();
}
