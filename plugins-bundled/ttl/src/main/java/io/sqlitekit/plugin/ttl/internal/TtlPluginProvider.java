package io.sqlitekit.plugin.ttl.internal;

import io.sqlitekit.plugin.ttl.TtlMode;
import io.sqlitekit.plugin.ttl.TtlOptions;
import io.sqlitekit.plugin.ttl.TtlPlugin;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.Messages;
import io.sqlitekit.spi.plugin.PluginProvider;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * Internal, not API, may change. Makes the TTL plugin available as {@code "ttl"}.
 *
 * <p>Text options: {@code field}, {@code mode} ({@code scheduled}, {@code trigger}, {@code lazy}),
 * {@code interval} (ISO-8601 duration or whole milliseconds), {@code batchSize}. Unknown options are rejected.
 */
public final class TtlPluginProvider implements PluginProvider {
  /** Creates the provider (ServiceLoader). */
  public TtlPluginProvider() {
  }

  @Override
  public String name() {
    return TtlPlugin.NAME;
  }

  @Override
  public RepositoryPlugin create(Map<String, String> options) {
    TtlOptions o = TtlOptions.defaults();
    for (Map.Entry<String, String> e : options.entrySet()) {
      String v = e.getValue() == null ? "" : e.getValue().trim();
      try {
        switch (e.getKey()) {
          case "field":
            o = o.withField(v);
            break;
          case "mode":
            o = o.withMode(TtlMode.valueOf(v.toUpperCase(Locale.ROOT)));
            break;
          case "interval":
            o = o.withInterval(v.toUpperCase(Locale.ROOT).startsWith("P") ? Duration.parse(v)
                : Duration.ofMillis(Long.parseLong(v)));
            break;
          case "batchSize":
            o = o.withBatchSize(Integer.parseInt(v));
            break;
          default:
            throw new ConfigurationException(String.format(Locale.ROOT,
                "ttl plugin: unknown option %s (expected field, mode, interval, batchSize)",
                Messages.quote(e.getKey())));
        }
      } catch (DateTimeParseException | IllegalArgumentException ex) {
        throw new ConfigurationException(String.format(Locale.ROOT,
            "ttl plugin: invalid value for option %s", Messages.quote(e.getKey())), ex);
      }
    }
    return TtlPlugin.create(o);
  }
}
