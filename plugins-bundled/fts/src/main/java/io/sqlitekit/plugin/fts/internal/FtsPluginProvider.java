package io.sqlitekit.plugin.fts.internal;

import io.sqlitekit.plugin.fts.FtsOptions;
import io.sqlitekit.plugin.fts.FtsPlugin;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.plugin.PluginOptions;
import io.sqlitekit.spi.plugin.PluginProvider;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import java.util.Map;

/**
 * Internal, not API, may change. Makes the fts plugin available as {@code "fts"}.
 *
 * <p>Text options: {@code columns} (comma-separated fields, required), {@code table}, {@code ftsTable},
 * {@code contentRowid}, {@code tokenize}, {@code prefix} (comma-separated lengths), {@code autoCreate}
 * ({@code true}/{@code false}). Parsed by {@link PluginOptions}: unknown options and invalid values are
 * rejected, naming the key.
 */
public final class FtsPluginProvider implements PluginProvider {
  /** Creates the provider (ServiceLoader). */
  public FtsPluginProvider() {
  }

  @Override
  public String name() {
    return FtsPlugin.NAME;
  }

  @Override
  public RepositoryPlugin create(Map<String, String> options) {
    PluginOptions p = PluginOptions.parse(FtsPlugin.NAME, options, "columns", "table", "ftsTable", "contentRowid",
        "tokenize", "prefix", "autoCreate");
    p.require("columns");
    FtsOptions o = p.list((FtsOptions) null, "columns", (t, columns) -> FtsOptions.of(columns.toArray(new String[0])));
    o = p.text(o, "table", FtsOptions::withTable);
    o = p.text(o, "ftsTable", FtsOptions::withFtsTable);
    o = p.text(o, "contentRowid", FtsOptions::withContentRowid);
    o = p.text(o, "tokenize", FtsOptions::withTokenize);
    o = p.list(o, "prefix", (t, lengths) -> t.withPrefix(lengths.stream().map(Integer::valueOf)
        .toArray(Integer[]::new)));
    o = p.bool(o, "autoCreate", FtsOptions::withAutoCreate);
    try {
      return FtsPlugin.create(o);
    } catch (IllegalArgumentException ex) {
      throw new ConfigurationException("fts plugin: " + ex.getMessage(), ex);
    }
  }
}
