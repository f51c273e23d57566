package io.sqlitekit.driver.xerial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver as a named module on a module path: a layer built from {@code target/classes} and the jars of
 * its dependencies finds the provider through {@code provides … with} alone, and a driver opened there
 * really works (sqlite-jdbc's module, its native library and {@code org.sqlite.Function} for REGEXP).
 */
final class ModulePathTest {
  @TempDir
  Path dir;

  private static Path locationOf(String className) throws Exception {
    return Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  @Test
  void provider_foundOnModulePath_andOpensWorkingDriver() throws Exception {
    Path[] path = {Path.of("target/classes"), locationOf("io.sqlitekit.spi.driver.DriverProvider"),
        locationOf("io.sqlitekit.support.driver.TransactionScope"),
        locationOf("org.sqlite.JDBC"), locationOf("org.slf4j.Logger"),
        locationOf("org.slf4j.nop.NOPServiceProvider")};
    Configuration cf = ModuleLayer.boot().configuration()
        .resolveAndBind(ModuleFinder.of(path), ModuleFinder.of(), Set.of("io.sqlitekit.driver.xerial"));
    ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
    ClassLoader loader = layer.findLoader("io.sqlitekit.spi");
    Class<?> service = loader.loadClass("io.sqlitekit.spi.driver.DriverProvider");
    List<?> providers = ServiceLoader.load(layer, service).stream().map(ServiceLoader.Provider::get)
        .collect(Collectors.toList());
    assertEquals(1, providers.size(), "exactly our provider in the layer");
    Object provider = providers.get(0);
    Module module = provider.getClass().getModule();
    assertEquals("io.sqlitekit.driver.xerial", module.getName());
    assertEquals(layer, module.getLayer(), "loaded from the module path, not the class path");
    assertFalse(module.isExported("io.sqlitekit.driver.xerial.internal"), "internals are not exported");
    assertEquals("xerial", service.getMethod("name").invoke(provider));

    Class<?> optionsType = loader.loadClass("io.sqlitekit.spi.driver.DriverOptions");
    Class<?> driverType = loader.loadClass("io.sqlitekit.spi.driver.SqliteDriver");
    Class<?> workType = loader.loadClass("io.sqlitekit.spi.driver.SqlWork");
    Class<?> sessionType = loader.loadClass("io.sqlitekit.spi.driver.SqlSession");
    Class<?> readerType = loader.loadClass("io.sqlitekit.spi.driver.RowReader");
    Class<?> rowsType = loader.loadClass("io.sqlitekit.spi.driver.Rows");
    Method query = sessionType.getMethod("query", String.class, List.class, readerType);
    // The reader reads the one row through the spi's Rows type of the layer, not the test's copy.
    Object reader = Proxy.newProxyInstance(loader, new Class<?>[] {readerType}, (proxy, m, args) -> {
      if (!m.getName().equals("read")) {
        return m.invoke(this, args);
      }
      assertEquals(true, rowsType.getMethod("next").invoke(args[0]));
      return rowsType.getMethod("getLong", int.class).invoke(args[0], 0);
    });
    Object options = optionsType.getMethod("defaults").invoke(null);
    Object driver = service.getMethod("open", String.class, optionsType)
        .invoke(provider, "jdbc:sqlite:" + dir.resolve("mp.db"), options);
    try {
      Object work = Proxy.newProxyInstance(loader, new Class<?>[] {workType}, (proxy, m, args) -> {
        if (!m.getName().equals("run")) {
          return m.invoke(this, args);
        }
        return query.invoke(args[0], "SELECT 'Module' REGEXP '(?i)^mod'", List.of(), reader);
      });
      assertEquals(1L, driverType.getMethod("write", workType).invoke(driver, work));
      assertEquals(1L, driverType.getMethod("read", workType).invoke(driver, work));
    } finally {
      driverType.getMethod("close").invoke(driver);
    }
  }
}
