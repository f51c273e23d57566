package io.sqlitekit.plugin.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.cache.CacheAdapter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class CacheAdaptersTest {
  static Stream<CacheAdapter> adapters() {
    return Stream.of(new InMemoryCacheAdapter(), new CaffeineCacheAdapter(100));
  }

  @ParameterizedTest
  @MethodSource("adapters")
  void putGetInvalidate(CacheAdapter a) {
    a.put("p:1", "one", Duration.ZERO);
    a.put("p:2", "two", Duration.ofMinutes(1));
    a.put("q:1", "other", Duration.ZERO);
    assertEquals(Optional.of("one"), a.get("p:1"));
    a.invalidate("p:1");
    assertEquals(Optional.empty(), a.get("p:1"));
    a.invalidatePrefix("p:");
    assertEquals(Optional.empty(), a.get("p:2"));
    assertEquals(Optional.of("other"), a.get("q:1"));
    a.clear();
    assertEquals(Optional.empty(), a.get("q:1"));
  }

  @ParameterizedTest
  @MethodSource("adapters")
  void nullArguments_areRejected(CacheAdapter a) {
    assertThrows(NullPointerException.class, () -> a.get(null));
    assertThrows(NullPointerException.class, () -> a.put("k", null, Duration.ZERO));
    assertThrows(NullPointerException.class, () -> a.put("k", "v", null));
  }

  @Test
  void inMemory_expiresByItsClock() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    InMemoryCacheAdapter a = new InMemoryCacheAdapter(clock);
    a.put("k", "v", Duration.ofMillis(1500));
    clock.advance(Duration.ofMillis(1499));
    assertEquals(Optional.of("v"), a.get("k"));
    clock.advance(Duration.ofMillis(1));
    assertEquals(Optional.empty(), a.get("k"));
    assertEquals(1, a.hitCount());
    assertEquals(1, a.missCount());
  }

  @Test
  void caffeine_boundsItsSize() {
    CaffeineCacheAdapter a = new CaffeineCacheAdapter(10);
    for (int i = 0; i < 1_000; i++) {
      a.put("k" + i, i, Duration.ZERO);
    }
    assertTrue(a.estimatedSize() <= 10, "size bound holds");
    assertThrows(IllegalArgumentException.class, () -> new CaffeineCacheAdapter(0));
  }
}
