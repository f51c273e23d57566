package io.sqlitekit.plugin.timestamp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The plugin as a named module on a module path: a module layer built from {@code target/classes} and the jars
 * of its dependencies finds the provider through {@code provides … with} alone (the class-path tests use
 * META-INF/services), and the internal package stays closed.
 */
final class ModulePathTest {
  private static Path locationOf(String className) throws Exception {
    return Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  @Test
  void provider_foundOnModulePath_byName() throws Exception {
    List<Path> path = new ArrayList<>(List.of(Path.of("target/classes"),
        locationOf("io.sqlitekit.spi.plugin.PluginProvider")));

    Configuration cf = ModuleLayer.boot().configuration()
        .resolveAndBind(ModuleFinder.of(path.toArray(new Path[0])), ModuleFinder.of(), Set.of("io.sqlitekit.plugin.timestamp"));
    ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
    Class<?> service = layer.findLoader("io.sqlitekit.spi").loadClass("io.sqlitekit.spi.plugin.PluginProvider");
    List<?> providers = ServiceLoader.load(layer, service).stream().map(ServiceLoader.Provider::get)
        .collect(Collectors.toList());
    assertEquals(1, providers.size(), "exactly our provider in the layer");
    Object provider = providers.get(0);
    Module module = provider.getClass().getModule();
    assertEquals("io.sqlitekit.plugin.timestamp", module.getName());
    assertEquals(layer, module.getLayer(), "loaded from the module path, not the class path");
    assertEquals("timestamp", service.getMethod("name").invoke(provider));
    Object plugin = service.getMethod("create", Map.class).invoke(provider, Map.of());
    assertEquals("timestamp", layer.findLoader("io.sqlitekit.spi")
        .loadClass("io.sqlitekit.spi.plugin.RepositoryPlugin").getMethod("name").invoke(plugin),
        "called through the exported interface; the internal class itself is inaccessible");
    assertTrue(module.isExported("io.sqlitekit.plugin.timestamp"));
    assertFalse(module.isExported("io.sqlitekit.plugin.timestamp.internal"), "internals are not exported");
  }
}
