package io.sqlitekit.plugin.fts.internal;

import io.sqlitekit.plugin.fts.FtsOptions;
import io.sqlitekit.plugin.fts.FtsPlugin;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.Messages;
import io.sqlitekit.spi.plugin.PluginProvider;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Internal, not API, may change. Makes the fts plugin available as {@code "fts"}.
 *
 * <p>Text options: {@code columns} (comma-separated fields, required), {@code table}, {@code ftsTable},
 * {@code contentRowid}, {@code tokenize}, {@code prefix} (comma-separated lengths), {@code autoCreate}
 * ({@code true}/{@code false}). Unknown options and invalid values are rejected.
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
    Objects.requireNonNull(options, "options");
    String columns = options.get("columns");
    if (columns == null || columns.isBlank()) {
      throw new ConfigurationException("fts plugin: option \"columns\" is required (comma-separated fields)");
    }
    try {
      FtsOptions o = FtsOptions.of(split(columns).toArray(new String[0]));
      for (Map.Entry<String, String> e : options.entrySet()) {
        String v = e.getValue() == null ? "" : e.getValue().trim();
        switch (e.getKey()) {
          case "columns":
            break;
          case "table":
            o = o.withTable(v);
            break;
          case "ftsTable":
            o = o.withFtsTable(v);
            break;
          case "contentRowid":
            o = o.withContentRowid(v);
            break;
          case "tokenize":
            o = o.withTokenize(v);
            break;
          case "prefix":
            o = o.withPrefix(split(v).stream().map(Integer::valueOf).toArray(Integer[]::new));
            break;
          case "autoCreate":
            if (!v.equals("true") && !v.equals("false")) {
              throw new IllegalArgumentException("fts: autoCreate must be true or false");
            }
            o = o.withAutoCreate(Boolean.parseBoolean(v));
            break;
          default:
            throw new ConfigurationException(String.format(Locale.ROOT, "fts plugin: unknown option %s (expected"
                + " columns, table, ftsTable, contentRowid, tokenize, prefix, autoCreate)",
                Messages.quote(e.getKey())));
        }
      }
      return FtsPlugin.create(o);
    } catch (IllegalArgumentException ex) {
      throw new ConfigurationException("fts plugin: " + ex.getMessage(), ex);
    }
  }

  private static List<String> split(String list) {
    List<String> out = new ArrayList<>();
    for (String part : list.split(",", -1)) {
      out.add(part.trim());
    }
    return out;
  }
}
