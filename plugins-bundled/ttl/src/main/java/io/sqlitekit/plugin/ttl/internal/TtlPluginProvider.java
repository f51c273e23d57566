package io.sqlitekit.plugin.ttl.internal;

import io.sqlitekit.plugin.ttl.TtlMode;
import io.sqlitekit.plugin.ttl.TtlOptions;
import io.sqlitekit.plugin.ttl.TtlPlugin;
import io.sqlitekit.spi.plugin.PluginOptions;
import io.sqlitekit.spi.plugin.PluginProvider;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
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
    PluginOptions p = PluginOptions.parse(TtlPlugin.NAME, options, "field", "mode", "interval", "batchSize");
    TtlOptions o = p.text(TtlOptions.defaults(), "field", TtlOptions::withField);
    o = p.choice(o, "mode", TtlMode.class, TtlOptions::withMode);
    o = p.duration(o, "interval", TtlOptions::withInterval);
    o = p.number(o, "batchSize", (t, n) -> t.withBatchSize(Math.toIntExact(n)));
    return TtlPlugin.create(o);
  }
}
