package io.sqlitekit.plugin.softdelete.internal;

import io.sqlitekit.plugin.softdelete.SoftDeleteOptions;
import io.sqlitekit.plugin.softdelete.SoftDeletePlugin;
import io.sqlitekit.spi.plugin.PluginOptions;
import io.sqlitekit.spi.plugin.PluginProvider;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import java.util.Map;

/**
 * Internal, not API, may change. Makes the soft-delete plugin available as {@code "soft-delete"}.
 *
 * <p>Text options: {@code field} (property key of the deletion time). Unknown options and invalid values
 * are rejected.
 */
public final class SoftDeletePluginProvider implements PluginProvider {
  /** Creates the provider (ServiceLoader). */
  public SoftDeletePluginProvider() {
  }

  @Override
  public String name() {
    return SoftDeletePlugin.NAME;
  }

  @Override
  public RepositoryPlugin create(Map<String, String> options) {
    PluginOptions p = PluginOptions.parse(SoftDeletePlugin.NAME, options, "field");
    return SoftDeletePlugin.create(p.text(SoftDeleteOptions.defaults(), "field", SoftDeleteOptions::withField));
  }
}
