package io.sqlitekit.plugin.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sqlitekit.plugin.cache.internal.CachePluginProvider;
import io.sqlitekit.spi.error.ConfigurationException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheOptionsTest {
  @Test
  void defaultsAndCopies() {
    CacheOptions d = CacheOptions.defaults();
    assertEquals(10_000, d.maximumSize());
    assertEquals(Duration.ofSeconds(60), d.ttl());
    assertEquals(5, d.withMaximumSize(5).maximumSize());
    assertEquals(Duration.ZERO, d.withTtl(Duration.ZERO).ttl());
  }

  @Test
  void invalidOptions_areRejected() {
    assertThrows(IllegalArgumentException.class, () -> CacheOptions.defaults().withMaximumSize(0));
    assertThrows(IllegalArgumentException.class, () -> CacheOptions.defaults().withTtl(Duration.ofSeconds(-1)));
    assertThrows(NullPointerException.class, () -> CacheOptions.defaults().withTtl(null));
  }

  @Test
  void provider_parsesTextOptions_andRejectsUnknownOnes() {
    CachePluginProvider p = new CachePluginProvider();
    assertEquals("cache", p.name());
    assertEquals("cache", p.create(Map.of("maximumSize", "5", "ttl", "PT2S")).name());
    assertEquals("cache", p.create(Map.of("ttl", "1500")).name());
    assertThrows(ConfigurationException.class, () -> p.create(Map.of("size", "5")));
    assertThrows(ConfigurationException.class, () -> p.create(Map.of("maximumSize", "lots")));
    assertThrows(ConfigurationException.class, () -> p.create(Map.of("maximumSize", "0")));
  }
}
