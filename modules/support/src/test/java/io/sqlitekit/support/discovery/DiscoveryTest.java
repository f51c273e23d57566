package io.sqlitekit.support.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.driver.DriverProvider;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.plugin.PluginProvider;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.support.hook.Plugins;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiscoveryTest {
  /** A plugin provider whose name is chosen per instance. */
  static class NamedPlugin implements PluginProvider {
    private final String name;

    NamedPlugin(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public RepositoryPlugin create(Map<String, String> options) {
      return new RepositoryPlugin() {
      };
    }
  }

  /** A second provider class, for the "two classes, one name" case. */
  static final class OtherNamedPlugin extends NamedPlugin {
    OtherNamedPlugin(String name) {
      super(name);
    }
  }

  /** A driver provider accepting URLs with a prefix. */
  static class PrefixDriver implements DriverProvider {
    private final String name;
    private final String prefix;

    PrefixDriver(String name, String prefix) {
      this.name = name;
      this.prefix = prefix;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public boolean accepts(String url) {
      return url.startsWith(prefix);
    }

    @Override
    public SqliteDriver open(String url, DriverOptions options) {
      throw new UnsupportedOperationException("not opened in this test");
    }
  }

  @Test
  void twoProviderClassesWithOneNameAreRefusedNamingBoth() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> Discovery.pluginProviders(List.of(new NamedPlugin("audit-x"), new OtherNamedPlugin("audit-x"))));
    assertTrue(e.getMessage().contains(NamedPlugin.class.getName())
        && e.getMessage().contains(OtherNamedPlugin.class.getName()), e.getMessage());
    // The same provider class seen through two class loaders' views is not ambiguity.
    NamedPlugin one = new NamedPlugin("x");
    assertSame(one, Discovery.pluginProviders(List.of(one, new NamedPlugin("x"))).get("x"));
  }

  @Test
  void aBundledNameClaimedByAnotherClassIsRefused() {
    for (String reserved : List.of("multi-tenant", "soft-delete", "timestamp", "audit", "cache", "ttl",
        "telemetry", "fts", "vector", "validation", "maintenance")) {
      ConfigurationException e = assertThrows(ConfigurationException.class,
          () -> Discovery.pluginProviders(List.of(new NamedPlugin(reserved))));
      assertTrue(e.getMessage().contains("\"" + reserved + "\" is a bundled plugin name")
          && e.getMessage().contains(NamedPlugin.class.getName()), e.getMessage());
    }
    ConfigurationException d = assertThrows(ConfigurationException.class,
        () -> Discovery.driverFor("jdbc:sqlite:a.db", List.of(new PrefixDriver("xerial", "jdbc:sqlite:")), null));
    assertTrue(d.getMessage().contains("bundled driver name"), d.getMessage());
  }

  @Test
  void driverSelectionIsNeverByOrder() {
    PrefixDriver a = new PrefixDriver("a", "jdbc:sqlite:");
    PrefixDriver b = new PrefixDriver("b", "jdbc:sqlite:");
    PrefixDriver other = new PrefixDriver("d1", "d1://");
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> Discovery.driverFor("jdbc:sqlite:x.db?key=secret", List.of(a, b, other), null));
    assertTrue(e.getMessage().contains("2 drivers accept") && e.getMessage().contains("driver(name)"),
        e.getMessage());
    assertTrue(!e.getMessage().contains("secret"), "query strings may hold credentials: " + e.getMessage());
    assertSame(b, Discovery.driverFor("jdbc:sqlite:x.db", List.of(a, b, other), "b"));
    assertSame(other, Discovery.driverFor("d1://acct/db", List.of(a, b, other), null));
    ConfigurationException none = assertThrows(ConfigurationException.class,
        () -> Discovery.driverFor("jdbc:postgresql://h/db", List.of(a, other), null));
    assertTrue(none.getMessage().contains("[a, d1]"), none.getMessage());
    assertThrows(ConfigurationException.class, () -> Discovery.driverFor("d1://acct/db", List.of(a, other), "a"));
  }

  @Test
  void reportNamesOrigins() {
    List<String> lines = Discovery.report("plugin", List.of(new NamedPlugin("x")), NamedPlugin::name);
    assertEquals(1, lines.size());
    assertTrue(lines.get(0).startsWith("plugin \"x\": " + NamedPlugin.class.getName() + " ("), lines.get(0));
    assertEquals(List.of("no driver providers"), Discovery.report("driver", List.<NamedPlugin>of(),
        NamedPlugin::name));
  }

  /** A compiler that is never asked to compile: selection only. */
  static class NamedCompiler implements io.sqlitekit.spi.compile.FilterCompiler {
    @Override
    public String name() {
      return "c";
    }

    @Override
    public io.sqlitekit.spi.compile.SqlFragment compile(io.sqlitekit.spi.filter.Filter filter,
        io.sqlitekit.spi.table.TableDef table) {
      throw new UnsupportedOperationException();
    }
  }

  /** A second compiler class with the same name. */
  static final class OtherNamedCompiler extends NamedCompiler {
  }

  @Test
  void filterCompilersAreSelectedByNameAndDuplicatesAreRefused() {
    NamedCompiler c = new NamedCompiler();
    assertSame(c, Discovery.filterCompiler(List.of(c, new NamedCompiler()), "c"));
    ConfigurationException dup = assertThrows(ConfigurationException.class,
        () -> Discovery.filterCompiler(List.of(c, new OtherNamedCompiler()), "c"));
    assertTrue(dup.getMessage().contains(NamedCompiler.class.getName())
        && dup.getMessage().contains(OtherNamedCompiler.class.getName()), dup.getMessage());
    ConfigurationException none = assertThrows(ConfigurationException.class,
        () -> Discovery.filterCompiler(List.of(c), "d"));
    assertTrue(none.getMessage().contains("\"d\"") && none.getMessage().contains("[c]"), none.getMessage());
  }

  @Test
  void unknownPluginName_namesTheJarToAddOrTheLineToRemove() {
    List<PluginProvider> found = List.of(new NamedPlugin("slug"));
    ConfigurationException bundled = assertThrows(ConfigurationException.class,
        () -> Plugins.resolve(List.of("soft-delete"), () -> found));
    assertEquals("unknown plugin \"soft-delete\": no provider of that name is on the module path or class path"
        + " (available plugins: [slug]); add the jar sqlitekit-plugin-soft-delete (module"
        + " io.sqlitekit.plugin.softdelete), or remove \"soft-delete\" from the enabled plugins", bundled.getMessage());
    ConfigurationException thirdParty = assertThrows(ConfigurationException.class,
        () -> Plugins.resolve(List.of("owner"), () -> found));
    assertTrue(thirdParty.getMessage().contains("add the jar of the plugin that provides it (a"
        + " io.sqlitekit.spi.plugin.PluginProvider named \"owner\"), or remove \"owner\""), thirdParty.getMessage());
  }
}
