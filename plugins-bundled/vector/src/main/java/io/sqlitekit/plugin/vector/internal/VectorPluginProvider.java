package io.sqlitekit.plugin.vector.internal;

import io.sqlitekit.plugin.vector.Metric;
import io.sqlitekit.plugin.vector.VectorOptions;
import io.sqlitekit.plugin.vector.VectorPlugin;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.Messages;
import io.sqlitekit.spi.plugin.PluginProvider;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Internal, not API, may change. Makes the vector plugin available as {@code "vector"}.
 *
 * <p>Text options: {@code dimensions} (required), {@code table}, {@code field}, {@code metric}
 * ({@code cosine}, {@code l2}, {@code inner_product}), {@code batchSize}. Unknown options and invalid values
 * are rejected.
 */
public final class VectorPluginProvider implements PluginProvider {
  /** Creates the provider (ServiceLoader). */
  public VectorPluginProvider() {
  }

  @Override
  public String name() {
    return VectorPlugin.NAME;
  }

  @Override
  public RepositoryPlugin create(Map<String, String> options) {
    Objects.requireNonNull(options, "options");
    String dims = options.get("dimensions");
    if (dims == null || dims.isBlank()) {
      throw new ConfigurationException("vector plugin: option \"dimensions\" is required");
    }
    try {
      VectorOptions o = VectorOptions.of(Integer.parseInt(dims.trim()));
      for (Map.Entry<String, String> e : options.entrySet()) {
        String v = e.getValue() == null ? "" : e.getValue().trim();
        switch (e.getKey()) {
          case "dimensions":
            break;
          case "table":
            o = o.withTable(v);
            break;
          case "field":
            o = o.withField(v);
            break;
          case "metric":
            o = o.withMetric(Metric.valueOf(v.toUpperCase(Locale.ROOT)));
            break;
          case "batchSize":
            o = o.withBatchSize(Integer.parseInt(v));
            break;
          default:
            throw new ConfigurationException(String.format(Locale.ROOT, "vector plugin: unknown option %s"
                + " (expected dimensions, table, field, metric, batchSize)", Messages.quote(e.getKey())));
        }
      }
      return VectorPlugin.create(o);
    } catch (IllegalArgumentException ex) {
      throw new ConfigurationException("vector plugin: " + ex.getMessage(), ex);
    }
  }
}
