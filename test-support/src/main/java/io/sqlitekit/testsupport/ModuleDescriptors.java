package io.sqlitekit.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Requires.Modifier;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Assertions that pin a compiled module descriptor (STYLE: every module's {@code module-info} is checked by a
 * test) and that load a plugin provider from a real module layer. Each module keeps its own test class with
 * the pinned values; these methods only do the reading and comparing, so all modules check the same things
 * the same way.
 *
 * @since 0.1.0
 */
public final class ModuleDescriptors {
  private static final String SPI_MODULE = "io.sqlitekit.spi";
  private static final String PLUGIN_PROVIDER = "io.sqlitekit.spi.plugin.PluginProvider";
  private static final String REPOSITORY_PLUGIN = "io.sqlitekit.spi.plugin.RepositoryPlugin";

  private ModuleDescriptors() {
  }

  /**
   * Reads {@code module-info.class} from a classes directory (usually {@code target/classes}).
   *
   * @param classes the directory holding the compiled module
   * @return the descriptor
   * @throws IOException when the file is missing or unreadable
   */
  public static ModuleDescriptor read(Path classes) throws IOException {
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      return ModuleDescriptor.read(in);
    }
  }

  /**
   * Asserts the module's name, that it exports exactly {@code exports}, all unqualified, and opens nothing.
   *
   * @param d the descriptor
   * @param name the expected module name
   * @param exports the expected exported packages
   */
  public static void assertNameAndExports(ModuleDescriptor d, String name, Set<String> exports) {
    assertEquals(name, d.name());
    Set<String> actual = d.exports().stream().peek(e -> assertTrue(e.targets().isEmpty(), "qualified export " + e))
        .map(ModuleDescriptor.Exports::source).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(new TreeSet<>(exports), actual);
    assertTrue(d.opens().isEmpty(), "opens nothing");
  }

  /**
   * Asserts that the module uses exactly {@code uses}.
   *
   * @param d the descriptor
   * @param uses the expected service interfaces, often empty
   */
  public static void assertUses(ModuleDescriptor d, Set<String> uses) {
    assertEquals(new TreeSet<>(uses), new TreeSet<>(d.uses()));
  }

  /**
   * Asserts that {@code pkg} is in the module; pair it with {@link #assertNameAndExports}, whose exact
   * export set keeps it unexported (the {@code .internal} rule).
   *
   * @param d the descriptor
   * @param pkg the concealed package
   */
  public static void assertConcealed(ModuleDescriptor d, String pkg) {
    // Not exported is already pinned by assertNameAndExports' exact set.
    assertTrue(d.packages().contains(pkg), "internal package present but not exported");
  }

  /**
   * Asserts the module's {@code requires}, apart from {@code java.base}, with their {@code transitive} and
   * {@code static} modifiers (other modifiers, such as {@code mandated}, are not compared).
   *
   * @param d the descriptor
   * @param expected module name to its expected modifiers (an empty set for a plain {@code requires})
   */
  public static void assertRequires(ModuleDescriptor d, Map<String, Set<Modifier>> expected) {
    Map<String, Set<Modifier>> requires = new TreeMap<>();
    d.requires().stream().filter(r -> !r.name().equals("java.base"))
        .forEach(r -> requires.put(r.name(), r.modifiers().stream()
            .filter(m -> m == Modifier.TRANSITIVE || m == Modifier.STATIC).collect(Collectors.toSet())));
    assertEquals(new TreeMap<>(expected), requires);
  }

  /**
   * Asserts the module's {@code provides … with} and that each service is declared the second time, with
   * the same providers, in {@code META-INF/services} under {@code classes}.
   *
   * @param d the descriptor
   * @param classes the directory holding the compiled module and its resources
   * @param expected service interface to its providers
   * @throws IOException when a services file is missing or unreadable
   */
  public static void assertProvides(ModuleDescriptor d, Path classes, Map<String, Set<String>> expected)
      throws IOException {
    Map<String, Set<String>> provides = new TreeMap<>();
    d.provides().forEach(p -> provides.put(p.service(), new TreeSet<>(p.providers())));
    assertEquals(new TreeMap<>(expected), provides);
    for (Map.Entry<String, Set<String>> e : expected.entrySet()) {
      Set<String> listed = Files.readAllLines(classes.resolve("META-INF/services/" + e.getKey())).stream()
          .map(String::trim).filter(s -> !s.isEmpty() && !s.startsWith("#"))
          .collect(Collectors.toCollection(TreeSet::new));
      assertEquals(new TreeSet<>(e.getValue()), listed, "META-INF/services mirrors module-info for " + e.getKey());
    }
  }

  /**
   * The jar or directory a class was loaded from, to put a dependency on a module path.
   *
   * @param className a class visible to this class's loader
   * @return its code source location
   * @throws ClassNotFoundException when the class is not visible
   * @throws URISyntaxException when the location is not a valid URI
   */
  public static Path locationOf(String className) throws ClassNotFoundException, URISyntaxException {
    return Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /**
   * Asserts that a plugin module, on a module path made of {@code classes}, the SPI and {@code dependencies},
   * yields exactly one {@code PluginProvider} through {@code provides … with} alone (no
   * {@code META-INF/services} lookup on the class path), loaded from that layer; that the provider has
   * {@code pluginName} and creates a plugin of that name through the exported interfaces; and that
   * {@code module} is exported while {@code module.internal} is not.
   *
   * @param classes the plugin's compiled classes
   * @param module the plugin's module name
   * @param pluginName the name users enable it by
   * @param dependencies further module-path entries besides the SPI (see {@link #locationOf})
   * @throws Exception when the layer cannot be built or a reflective call fails
   */
  public static void assertPluginOnModulePath(Path classes, String module, String pluginName, Path... dependencies)
      throws Exception {
    assertPluginOnModulePath(classes, module, pluginName, Map.of(), dependencies);
  }

  /**
   * Like {@link #assertPluginOnModulePath(Path, String, String, Path...)}, for a plugin that needs text
   * options to be created (for example the columns a full-text index covers).
   *
   * @param classes the plugin's compiled classes
   * @param module the plugin's module name
   * @param pluginName the name users enable it by
   * @param options the text options the provider creates the plugin from
   * @param dependencies further module-path entries besides the SPI (see {@link #locationOf})
   * @throws Exception when the layer cannot be built or a reflective call fails
   */
  public static void assertPluginOnModulePath(Path classes, String module, String pluginName,
      Map<String, String> options, Path... dependencies) throws Exception {
    List<Path> path = new ArrayList<>(List.of(classes, locationOf(PLUGIN_PROVIDER)));
    path.addAll(List.of(dependencies));

    Configuration cf = ModuleLayer.boot().configuration()
        .resolveAndBind(ModuleFinder.of(path.toArray(new Path[0])), ModuleFinder.of(), Set.of(module));
    ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
    Class<?> service = layer.findLoader(SPI_MODULE).loadClass(PLUGIN_PROVIDER);
    List<?> providers = ServiceLoader.load(layer, service).stream().map(ServiceLoader.Provider::get)
        .collect(Collectors.toList());
    assertEquals(1, providers.size(), "exactly our provider in the layer");
    Object provider = providers.get(0);
    Module loaded = provider.getClass().getModule();
    assertEquals(module, loaded.getName());
    assertEquals(layer, loaded.getLayer(), "loaded from the module path, not the class path");
    assertEquals(pluginName, service.getMethod("name").invoke(provider));
    Object plugin = service.getMethod("create", Map.class).invoke(provider, options);
    assertEquals(pluginName, layer.findLoader(SPI_MODULE).loadClass(REPOSITORY_PLUGIN).getMethod("name")
        .invoke(plugin), "called through the exported interface; the internal class itself is inaccessible");
    assertTrue(loaded.isExported(module));
    assertFalse(loaded.isExported(module + ".internal"), "internals are not exported");
  }
}
