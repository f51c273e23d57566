package io.sqlitekit.support.hook;

import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.Messages;
import io.sqlitekit.spi.plugin.AfterHook;
import io.sqlitekit.spi.plugin.BeforeHook;
import io.sqlitekit.spi.plugin.ErrorHook;
import io.sqlitekit.spi.plugin.HookRegistry;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.plugin.PluginProvider;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.support.discovery.Discovery;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Plugin resolution, ordering and installation, the same for every kit: enabling a plugin by name or
 * instance, the {@link RepositoryPlugin#runsAfter} order, and the {@link HookRegistry} a plugin installs
 * into. A kit loads the providers itself (its module declares {@code uses PluginProvider}) and hands them
 * here, so the rules cannot differ between kits.
 *
 * @since 0.2.0
 */
public final class Plugins {
  private Plugins() {
  }

  /**
   * Turns builder entries (plugin names or instances, in enablement order) into plugin instances.
   *
   * @param entries {@link String} names and {@link RepositoryPlugin} instances
   * @param providers the discovered providers, consulted only when a name is given (called at most once)
   * @return the plugins, in entry order
   * @throws ConfigurationException if a name is unknown, two entries have the same plugin name, or the
   *     discovered providers are ambiguous ({@link Discovery#pluginProviders})
   */
  public static List<RepositoryPlugin> resolve(List<?> entries, Supplier<? extends Iterable<PluginProvider>> providers) {
    Map<String, PluginProvider> byName = null;
    List<RepositoryPlugin> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Object e : entries) {
      RepositoryPlugin p;
      if (e instanceof String) {
        if (byName == null) {
          byName = Discovery.pluginProviders(providers.get());
        }
        PluginProvider provider = byName.get(e);
        if (provider == null) {
          String name = (String) e;
          throw new ConfigurationException(String.format(Locale.ROOT,
              "unknown plugin %s: no provider of that name is on the module path or class path (available"
                  + " plugins: %s); add %s, or remove %s from the enabled plugins", Messages.quote(name),
              new TreeSet<>(byName.keySet()), Discovery.pluginOrigin(name), Messages.quote(name)));
        }
        p = provider.create(Map.of());
      } else {
        p = (RepositoryPlugin) Objects.requireNonNull(e, "plugin");
      }
      if (!seen.add(p.name())) {
        throw new ConfigurationException(String.format(Locale.ROOT,
            "plugin \"%s\" is enabled twice; enabled plugins: %s", p.name(), seen));
      }
      out.add(p);
    }
    return out;
  }

  /**
   * Orders plugins so that each one's enabled {@code runsAfter} names come earlier; stable otherwise. Names
   * that are not enabled are ignored.
   *
   * @param in the plugins in enablement order
   * @return a new list in install order
   * @throws ConfigurationException if a name repeats or {@code runsAfter} forms a cycle
   */
  public static List<RepositoryPlugin> order(List<RepositoryPlugin> in) {
    Map<String, RepositoryPlugin> byName = new LinkedHashMap<>();
    for (RepositoryPlugin p : in) {
      if (byName.put(Objects.requireNonNull(p.name(), "plugin name"), p) != null) {
        throw new ConfigurationException(String.format(Locale.ROOT,
            "plugin \"%s\" is enabled twice; enabled plugins: %s", p.name(), names(in)));
      }
    }
    List<RepositoryPlugin> out = new ArrayList<>();
    Set<String> placed = new LinkedHashSet<>();
    Set<String> visiting = new LinkedHashSet<>();
    for (RepositoryPlugin p : in) {
      place(p, byName, placed, visiting, out);
    }
    return out;
  }

  private static void place(RepositoryPlugin p, Map<String, RepositoryPlugin> byName, Set<String> placed,
      Set<String> visiting, List<RepositoryPlugin> out) {
    if (placed.contains(p.name())) {
      return;
    }
    if (!visiting.add(p.name())) {
      throw new ConfigurationException("plugins must run after each other in a cycle: " + visiting);
    }
    for (String dep : p.runsAfter()) {
      RepositoryPlugin d = byName.get(dep);
      if (d != null) {
        place(d, byName, placed, visiting, out);
      }
    }
    visiting.remove(p.name());
    placed.add(p.name());
    out.add(p);
  }

  /**
   * Returns the plugins' names, in list order.
   *
   * @param plugins the plugins
   * @return the names
   */
  public static List<String> names(List<RepositoryPlugin> plugins) {
    List<String> out = new ArrayList<>();
    plugins.forEach(p -> out.add(p.name()));
    return out;
  }

  /**
   * What a repository offers the plugins that install on it.
   *
   * @param table the repository's table
   * @param clock the kit's clock
   * @param driver the kit's driver, or null for a kit without one (the in-memory kit)
   * @param documents the document view of the same repository, built lazily (it does not exist yet while
   *     plugins install)
   * @param onClose receives resources to close with the kit
   */
  public record Environment(TableDef table, Clock clock, SqliteDriver driver,
      Supplier<StandardRepo<Map<String, Object>, Object>> documents, Consumer<AutoCloseable> onClose) {
    /** Checks the required components. */
    public Environment {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(documents, "documents");
      Objects.requireNonNull(onClose, "onClose");
    }
  }

  /**
   * Orders the plugins, installs each on a new engine and freezes it, checking that hook priorities respect
   * every enabled {@code runsAfter} dependency.
   *
   * @param plugins the plugins, in enablement order
   * @param env what the plugins see
   * @return the frozen engine
   * @throws ConfigurationException if ordering constraints cannot be met or a name repeats
   */
  public static HookEngine install(List<RepositoryPlugin> plugins, Environment env) {
    List<RepositoryPlugin> ordered = order(plugins);
    Set<String> enabled = new LinkedHashSet<>(names(ordered));
    Map<String, Set<String>> runsAfter = new LinkedHashMap<>();
    for (RepositoryPlugin p : ordered) {
      Set<String> deps = new LinkedHashSet<>(p.runsAfter());
      deps.retainAll(enabled);
      runsAfter.put(p.name(), deps);
    }
    HookEngine engine = new HookEngine();
    for (RepositoryPlugin p : ordered) {
      p.install(new Registry(p.name(), env, engine));
    }
    engine.freeze(runsAfter);
    return engine;
  }

  /** The registry one plugin installs into: every registration is tagged with the plugin's name. */
  private static final class Registry implements HookRegistry {
    private final String plugin;
    private final Environment env;
    private final HookEngine engine;

    Registry(String plugin, Environment env, HookEngine engine) {
      this.plugin = plugin;
      this.env = env;
      this.engine = engine;
    }

    @Override
    public TableDef table() {
      return env.table();
    }

    @Override
    public Clock clock() {
      return env.clock();
    }

    @Override
    public Optional<SqliteDriver> driver() {
      return Optional.ofNullable(env.driver());
    }

    @Override
    public StandardRepo<Map<String, Object>, Object> documents() {
      StandardRepo<Map<String, Object>, Object> docs = env.documents().get();
      if (docs == null) {
        throw new IllegalStateException("documents() is available once the repository is built, not while "
            + "plugin \"" + plugin + "\" installs; keep the registry and call it from a hook");
      }
      return docs;
    }

    @Override
    public void before(Set<Operation> operations, int priority, BeforeHook hook) {
      engine.before(operations, priority, plugin, hook);
    }

    @Override
    public void after(Set<Operation> operations, int priority, AfterHook hook) {
      engine.after(operations, priority, plugin, hook);
    }

    @Override
    public void beforeCommit(Set<Operation> operations, int priority, AfterHook hook) {
      engine.beforeCommit(operations, priority, plugin, hook);
    }

    @Override
    public void onError(Set<Operation> operations, int priority, ErrorHook hook) {
      engine.onError(operations, priority, plugin, hook);
    }

    @Override
    public void onClose(AutoCloseable resource) {
      env.onClose().accept(Objects.requireNonNull(resource, "resource"));
    }
  }
}
