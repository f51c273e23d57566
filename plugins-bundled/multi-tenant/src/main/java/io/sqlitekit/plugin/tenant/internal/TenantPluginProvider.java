package io.sqlitekit.plugin.tenant.internal;

import io.sqlitekit.plugin.tenant.TenantOptions;
import io.sqlitekit.plugin.tenant.TenantPlugin;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.Messages;
import io.sqlitekit.spi.plugin.PluginProvider;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Internal, not API, may change. Makes the multi-tenant plugin available as {@code "multi-tenant"}.
 *
 * <p>Text options: {@code field} (property key), {@code requireTenant}, {@code allowDataInjection} and
 * {@code allowBlankTenant} ({@code true} or {@code false}). The resolver and skip rule are code and can only be set on
 * {@link TenantOptions}; by name the plugin uses the defaults. Unknown options and invalid values are
 * rejected.
 */
public final class TenantPluginProvider implements PluginProvider {
  /** Creates the provider (ServiceLoader). */
  public TenantPluginProvider() {
  }

  @Override
  public String name() {
    return TenantPlugin.NAME;
  }

  @Override
  public RepositoryPlugin create(Map<String, String> options) {
    Objects.requireNonNull(options, "options");
    TenantOptions o = TenantOptions.defaults();
    for (Map.Entry<String, String> e : options.entrySet()) {
      String v = e.getValue() == null ? "" : e.getValue().trim();
      switch (e.getKey()) {
        case "field":
          try {
            o = o.withField(v);
          } catch (IllegalArgumentException ex) {
            throw new ConfigurationException("multi-tenant plugin: invalid value for option \"field\"", ex);
          }
          break;
        case "requireTenant":
          o = o.withRequireTenant(bool(e.getKey(), v));
          break;
        case "allowDataInjection":
          o = o.withAllowDataInjection(bool(e.getKey(), v));
          break;
        case "allowBlankTenant":
          o = o.withAllowBlankTenant(bool(e.getKey(), v));
          break;
        default:
          throw new ConfigurationException(String.format(Locale.ROOT,
              "multi-tenant plugin: unknown option %s (expected field, requireTenant, allowDataInjection,"
                  + " allowBlankTenant)", Messages.quote(e.getKey())));
      }
    }
    return TenantPlugin.create(o);
  }

  private static boolean bool(String key, String v) {
    if (v.equalsIgnoreCase("true")) {
      return true;
    }
    if (v.equalsIgnoreCase("false")) {
      return false;
    }
    throw new ConfigurationException(String.format(Locale.ROOT,
        "multi-tenant plugin: option %s must be true or false", Messages.quote(key)));
  }
}
