package io.sqlitekit.plugin.vector.internal;

import io.sqlitekit.plugin.vector.Metric;
import io.sqlitekit.plugin.vector.VectorOptions;
import io.sqlitekit.plugin.vector.VectorPlugin;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.plugin.PluginOptions;
import io.sqlitekit.spi.plugin.PluginProvider;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import java.util.Map;

/**
 * Internal, not API, may change. Makes the vector plugin available as {@code "vector"}.
 *
 * <p>Text options: {@code dimensions} (required), {@code table}, {@code field}, {@code metric}
 * ({@code cosine}, {@code l2}, {@code inner_product}), {@code batchSize}. Parsed by {@link PluginOptions}:
 * unknown options and invalid values are rejected, naming the key.
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
    PluginOptions p = PluginOptions.parse(VectorPlugin.NAME, options, "dimensions", "table", "field", "metric",
        "batchSize");
    p.require("dimensions");
    VectorOptions o = p.integer((VectorOptions) null, "dimensions", (t, n) -> VectorOptions.of(n));
    o = p.text(o, "table", VectorOptions::withTable);
    o = p.text(o, "field", VectorOptions::withField);
    o = p.choice(o, "metric", Metric.class, VectorOptions::withMetric);
    o = p.integer(o, "batchSize", VectorOptions::withBatchSize);
    try {
      return VectorPlugin.create(o);
    } catch (IllegalArgumentException ex) {
      throw new ConfigurationException("vector plugin: " + ex.getMessage(), ex);
    }
  }
}
