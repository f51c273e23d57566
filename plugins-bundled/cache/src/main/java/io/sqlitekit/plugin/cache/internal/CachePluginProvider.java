package io.sqlitekit.plugin.cache.internal;

import io.sqlitekit.plugin.cache.CacheOptions;
import io.sqlitekit.plugin.cache.CachePlugin;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.Messages;
import io.sqlitekit.spi.plugin.PluginProvider;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * Internal, not API, may change. Makes the cache available as {@code "cache"}.
 *
 * <p>Text options: {@code maximumSize} (a positive integer), {@code ttl} and {@code externalChangePoll}
 * (ISO-8601 durations such as {@code PT5M}, or whole milliseconds). Unknown options are rejected.
 */
public final class CachePluginProvider implements PluginProvider {
  /** Creates the provider (ServiceLoader). */
  public CachePluginProvider() {
  }

  @Override
  public String name() {
    return CachePlugin.NAME;
  }

  @Override
  public RepositoryPlugin create(Map<String, String> options) {
    CacheOptions o = CacheOptions.defaults();
    for (Map.Entry<String, String> e : options.entrySet()) {
      String value = e.getValue() == null ? "" : e.getValue().trim();
      try {
        switch (e.getKey()) {
          case "maximumSize":
            o = o.withMaximumSize(Long.parseLong(value));
            break;
          case "ttl":
            o = o.withTtl(duration(value));
            break;
          case "externalChangePoll":
            o = o.withExternalChangePoll(duration(value));
            break;
          default:
            throw new ConfigurationException(String.format(Locale.ROOT,
                "cache plugin: unknown option %s (expected maximumSize, ttl, externalChangePoll)",
                Messages.quote(e.getKey())));
        }
      } catch (NumberFormatException | DateTimeParseException ex) {
        throw new ConfigurationException(String.format(Locale.ROOT,
            "cache plugin: option %s is not a valid %s", Messages.quote(e.getKey()),
            "maximumSize".equals(e.getKey()) ? "number" : "duration"), ex);
      } catch (IllegalArgumentException ex) {
        throw new ConfigurationException("cache plugin: " + ex.getMessage(), ex);
      }
    }
    return CachePlugin.create(o);
  }

  /** An ISO-8601 duration ({@code PT5M}) or whole milliseconds. */
  private static Duration duration(String value) {
    return value.startsWith("P") || value.startsWith("p") ? Duration.parse(value)
        : Duration.ofMillis(Long.parseLong(value));
  }
}
