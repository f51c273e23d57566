package io.sqlitekit.plugin.tenant.internal;

import io.sqlitekit.plugin.tenant.TenantOptions;
import io.sqlitekit.plugin.tenant.TenantPlugin;
import io.sqlitekit.spi.plugin.PluginOptions;
import io.sqlitekit.spi.plugin.PluginProvider;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import java.util.Map;

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
    PluginOptions p = PluginOptions.parse(TenantPlugin.NAME, options, "field", "requireTenant",
        "allowDataInjection", "allowBlankTenant");
    TenantOptions o = p.text(TenantOptions.defaults(), "field", TenantOptions::withField);
    o = p.bool(o, "requireTenant", TenantOptions::withRequireTenant);
    o = p.bool(o, "allowDataInjection", TenantOptions::withAllowDataInjection);
    o = p.bool(o, "allowBlankTenant", TenantOptions::withAllowBlankTenant);
    return TenantPlugin.create(o);
  }
}
