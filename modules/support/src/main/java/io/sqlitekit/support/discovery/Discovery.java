package io.sqlitekit.support.discovery;

import io.sqlitekit.spi.compile.FilterCompiler;
import io.sqlitekit.spi.driver.DriverProvider;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.Messages;
import io.sqlitekit.spi.plugin.PluginProvider;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Strict provider selection, the same for the kits and the migrator: what {@link java.util.ServiceLoader}
 * found is never chosen by class-path order. Callers load the providers themselves (their module declares
 * the {@code uses}) and hand them here.
 *
 * <ul>
 *   <li>Two plugin providers with one name are an error naming both origins (module and version, or jar).</li>
 *   <li>A name that a bundled plugin owns ({@code timestamp}, {@code soft-delete}, {@code multi-tenant},
 *       {@code audit}, {@code cache}, {@code ttl}, {@code telemetry}, {@code fts}, {@code vector}) may only be provided by that plugin's
 *       own provider class, so a stray or hostile jar cannot stand in for tenant isolation.</li>
 *   <li>Two filter compilers with one name are an error naming both; a compiler is only ever selected by
 *       name.</li>
 *   <li>More than one driver accepting a URL is an error naming every one, unless the caller names the
 *       driver to use.</li>
 * </ul>
 *
 * <p>On the class path a jar can still shadow a class by its exact name; only the module path rules that
 * out (a package belongs to one module). See the core README.
 *
 * @since 0.2.0
 */
public final class Discovery {
  /** Bundled plugin names and the only provider class allowed to claim each. */
  private static final Map<String, String> BUNDLED_PLUGINS = Map.ofEntries(
      Map.entry("timestamp", "io.sqlitekit.plugin.timestamp.internal.TimestampPluginProvider"),
      Map.entry("soft-delete", "io.sqlitekit.plugin.softdelete.internal.SoftDeletePluginProvider"),
      Map.entry("multi-tenant", "io.sqlitekit.plugin.tenant.internal.TenantPluginProvider"),
      Map.entry("audit", "io.sqlitekit.plugin.audit.internal.AuditPluginProvider"),
      Map.entry("cache", "io.sqlitekit.plugin.cache.internal.CachePluginProvider"),
      Map.entry("ttl", "io.sqlitekit.plugin.ttl.internal.TtlPluginProvider"),
      Map.entry("telemetry", "io.sqlitekit.plugin.telemetry.internal.TelemetryPluginProvider"),
      Map.entry("fts", "io.sqlitekit.plugin.fts.internal.FtsPluginProvider"),
      Map.entry("vector", "io.sqlitekit.plugin.vector.internal.VectorPluginProvider"),
      Map.entry("validation", "io.sqlitekit.plugin.validation.internal.ValidationPluginProvider"),
      Map.entry("maintenance", "io.sqlitekit.plugin.maintenance.internal.MaintenancePluginProvider"));

  /** Bundled driver names and their provider classes. */
  private static final Map<String, String> BUNDLED_DRIVERS = Map.of(
      "xerial", "io.sqlitekit.driver.xerial.internal.XerialDriverProvider");

  private Discovery() {
  }

  /**
   * Indexes plugin providers by name, refusing ambiguity and impostors.
   *
   * @param found the providers {@code ServiceLoader} found
   * @return name to provider, in discovery order
   * @throws ConfigurationException if two providers share a name, or a provider claims a bundled
   *     plugin's name without being that plugin's provider
   */
  public static Map<String, PluginProvider> pluginProviders(Iterable<PluginProvider> found) {
    Map<String, PluginProvider> byName = new LinkedHashMap<>();
    for (PluginProvider p : found) {
      String name = Objects.requireNonNull(p.name(), "plugin provider name");
      checkReserved("plugin", name, p, BUNDLED_PLUGINS);
      PluginProvider previous = byName.putIfAbsent(name, p);
      if (previous != null && previous.getClass() != p.getClass()) {
        throw new ConfigurationException(String.format(Locale.ROOT,
            "two plugin providers are named \"%s\": %s and %s; remove one of them from the class path or "
                + "module path", name, describe(previous), describe(p)));
      }
    }
    return byName;
  }

  /**
   * Picks the filter compiler with a name, refusing ambiguity: two discovered compilers with one name (of
   * different classes) are an error whichever is asked for, as for plugins.
   *
   * @param found the compilers {@code ServiceLoader} found
   * @param name the name the caller chose
   * @return the compiler
   * @throws ConfigurationException if two compilers share a name or none has the requested name
   * @since 0.2.0
   */
  public static FilterCompiler filterCompiler(Iterable<FilterCompiler> found, String name) {
    Objects.requireNonNull(name, "name");
    Map<String, FilterCompiler> byName = new LinkedHashMap<>();
    for (FilterCompiler c : found) {
      String n = Objects.requireNonNull(c.name(), "filter compiler name");
      FilterCompiler previous = byName.putIfAbsent(n, c);
      if (previous != null && previous.getClass() != c.getClass()) {
        throw new ConfigurationException(String.format(Locale.ROOT,
            "two filter compilers are named \"%s\": %s and %s; remove one of them from the class path or "
                + "module path", n, describe(previous), describe(c)));
      }
    }
    FilterCompiler chosen = byName.get(name);
    if (chosen == null) {
      throw new ConfigurationException(String.format(Locale.ROOT,
          "no filter compiler named \"%s\"; available filter compilers: %s", name, byName.keySet()));
    }
    return chosen;
  }

  /**
   * Says where the provider of a plugin name would come from, for a "plugin not found" message: for a bundled
   * plugin its artifact and module, for any other name the service a third-party jar must provide.
   *
   * @param name the plugin name that was asked for
   * @return for example {@code the jar sqlitekit-plugin-timestamp (module io.sqlitekit.plugin.timestamp)}
   */
  public static String pluginOrigin(String name) {
    String provider = BUNDLED_PLUGINS.get(name);
    if (provider == null) {
      return "the jar of the plugin that provides it (a " + PluginProvider.class.getName() + " named "
          + Messages.quote(name) + ")";
    }
    String module = provider.substring(0, provider.indexOf(".internal."));
    return "the jar sqlitekit-plugin-" + name + " (module " + module + ")";
  }

  /**
   * Picks the one driver that accepts a URL.
   *
   * @param url the URL (only its scheme part is repeated in messages)
   * @param found the providers {@code ServiceLoader} found
   * @param requiredName the driver name the caller chose, or null to require exactly one accepting driver
   * @return the provider
   * @throws ConfigurationException if none accepts the URL, several do and none was chosen, the chosen one
   *     does not accept it, or a provider claims a bundled driver's name without being it
   */
  public static DriverProvider driverFor(String url, Iterable<DriverProvider> found, String requiredName) {
    List<DriverProvider> accepting = new ArrayList<>();
    List<String> available = new ArrayList<>();
    for (DriverProvider p : found) {
      checkReserved("driver", p.name(), p, BUNDLED_DRIVERS);
      available.add(p.name());
      if (requiredName != null && !requiredName.equals(p.name())) {
        continue;
      }
      if (p.accepts(url)) {
        accepting.add(p);
      }
    }
    if (accepting.isEmpty()) {
      throw new ConfigurationException(String.format(Locale.ROOT,
          "no SQLite driver%s accepts URL \"%s\"; available drivers: %s",
          requiredName == null ? "" : " named \"" + requiredName + "\"", redact(url), available));
    }
    if (accepting.size() > 1) {
      List<String> who = new ArrayList<>();
      accepting.forEach(p -> who.add(describe(p)));
      throw new ConfigurationException(String.format(Locale.ROOT,
          "%d drivers accept URL \"%s\": %s; name the one to use (SqliteKit.builder().driver(name)) or remove "
              + "the others", accepting.size(), redact(url), String.join(" and ", who)));
    }
    return accepting.get(0);
  }

  /**
   * Lists what was found, one line per provider with its name and origin (module and version on the module
   * path, the jar or folder on the class path), for a DEBUG log; the kits and the migrator log this same report.
   *
   * @param kind for example {@code "plugin"} or {@code "driver"}
   * @param providers the providers, in discovery order
   * @param name each provider's name
   * @param <P> the provider type
   * @return the report lines; one line saying none was found for an empty list
   * @since 0.3.0
   */
  public static <P> List<String> report(String kind, List<P> providers, Function<? super P, String> name) {
    if (providers.isEmpty()) {
      return List.of("no " + kind + " providers");
    }
    List<String> lines = new ArrayList<>(providers.size());
    for (P p : providers) {
      lines.add(kind + " \"" + name.apply(p) + "\": " + describe(p));
    }
    return lines;
  }

  private static void checkReserved(String kind, String name, Object provider, Map<String, String> reserved) {
    String expected = reserved.get(name);
    if (expected != null && !expected.equals(provider.getClass().getName())) {
      throw new ConfigurationException(String.format(Locale.ROOT,
          "%s \"%s\" is a bundled %s name, but %s claims it; a third-party %s must use a name of its own",
          kind, name, kind, describe(provider), kind));
    }
  }

  /**
   * Describes where a provider comes from: its class, and its module with version, or the jar or folder
   * it was loaded from.
   *
   * @param provider the provider
   * @return a one-line description
   */
  public static String describe(Object provider) {
    Class<?> type = provider.getClass();
    Module module = type.getModule();
    if (module.isNamed()) {
      String version = module.getDescriptor() == null ? "" : module.getDescriptor().rawVersion().orElse("");
      return type.getName() + " (module " + module.getName() + (version.isEmpty() ? "" : " " + version) + ")";
    }
    CodeSource source = type.getProtectionDomain().getCodeSource();
    URL location = source == null ? null : source.getLocation();
    return type.getName() + " (class path " + (location == null ? "unknown location" : location) + ")";
  }

  private static String redact(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q) + "?…";
  }
}
