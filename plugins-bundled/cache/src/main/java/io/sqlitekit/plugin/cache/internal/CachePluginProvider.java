package io.sqlitekit.plugin.cache.internal;

import io.sqlitekit.plugin.cache.CacheOptions;
import io.sqlitekit.plugin.cache.CachePlugin;
import io.sqlitekit.spi.plugin.PluginOptions;
import io.sqlitekit.spi.plugin.PluginProvider;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
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
    PluginOptions p = PluginOptions.parse(CachePlugin.NAME, options, "maximumSize", "ttl", "externalChangePoll");
    CacheOptions o = p.number(CacheOptions.defaults(), "maximumSize", CacheOptions::withMaximumSize);
    o = p.duration(o, "ttl", CacheOptions::withTtl);
    o = p.duration(o, "externalChangePoll", CacheOptions::withExternalChangePoll);
    return CachePlugin.create(o);
  }
}
