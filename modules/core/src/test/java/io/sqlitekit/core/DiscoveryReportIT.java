package io.sqlitekit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.testlog.CapturedLog;
import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/**
 * The DEBUG discovery report: building a kit lists every driver, plugin and filter compiler it could choose from,
 * with where each comes from; on the module path that is the module and its version.
 */
class DiscoveryReportIT {
  @TempDir
  Path dir;

  @Test
  void buildingAKit_listsDiscoveredDriversPluginsAndCompilers_atDebug() {
    try (CapturedLog.Capture log = CapturedLog.capture(SqliteKit.class.getName(), Level.DEBUG);
        SqliteKit kit = Fixtures.builder(dir).plugins("test-stamp").filterCompiler(RecordingCompiler.NAME).build()) {
      List<String> lines = log.messages();
      assertTrue(lines.contains("discovered plugin \"test-stamp\": " + TestStampProvider.class.getName()
          + " (class path " + TestStampProvider.class.getProtectionDomain().getCodeSource().getLocation() + ")"),
          lines.toString());
      assertTrue(lines.stream().anyMatch(l -> l.startsWith("discovered filter compiler \"recording\": "
          + RecordingCompiler.class.getName() + " (class path ")), lines.toString());
      assertTrue(lines.stream().anyMatch(l -> l.startsWith("discovered driver \"xerial\": "
          + "io.sqlitekit.driver.xerial.internal.XerialDriverProvider (class path ")), lines.toString());
      assertEquals(List.of("test-stamp"), kit.pluginNames());
    }
  }

  @Test
  void withoutDebug_nothingIsReported() {
    try (CapturedLog.Capture log = CapturedLog.capture(SqliteKit.class.getName(), Level.INFO);
        SqliteKit kit = Fixtures.builder(dir).plugins("test-stamp").build()) {
      assertEquals(List.of(), log.messages());
      assertEquals(List.of("test-stamp"), kit.pluginNames());
    }
  }

  /** The report's lines name module and version for providers loaded from the module path. */
  @Test
  void onTheModulePath_theReportNamesModuleAndVersion() throws Exception {
    List<Path> path = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String n = Path.of(e).getFileName().toString();
      if (n.startsWith("sqlitekit-spi") || n.startsWith("sqlitekit-support") || n.startsWith("sqlitekit-driver-xerial")
          || n.startsWith("sqlite-jdbc") || n.startsWith("slf4j-api")) {
        path.add(Path.of(e));
      }
    }
    Configuration cf = ModuleLayer.boot().configuration()
        .resolveAndBind(ModuleFinder.of(path.toArray(new Path[0])), ModuleFinder.of(),
            Set.of("io.sqlitekit.driver.xerial", "io.sqlitekit.support"));
    ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
    ClassLoader loader = layer.findLoader("io.sqlitekit.support");
    Class<?> providerType = loader.loadClass("io.sqlitekit.spi.driver.DriverProvider");
    List<Object> found = new ArrayList<>();
    ServiceLoader.load(layer, providerType).forEach(found::add);
    java.lang.reflect.Method name = providerType.getMethod("name");
    java.util.function.Function<Object, String> nameOf = p -> {
      try {
        return (String) name.invoke(p);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    };
    Class<?> discovery = loader.loadClass("io.sqlitekit.support.discovery.Discovery");
    @SuppressWarnings("unchecked")
    List<String> lines = (List<String>) discovery.getMethod("report", String.class, List.class,
        java.util.function.Function.class).invoke(null, "driver", found, nameOf);
    String version = layer.findModule("io.sqlitekit.driver.xerial").orElseThrow().getDescriptor().rawVersion()
        .orElseThrow();
    assertEquals(List.of("driver \"xerial\": io.sqlitekit.driver.xerial.internal.XerialDriverProvider (module "
        + "io.sqlitekit.driver.xerial " + version + ")"), lines);
    assertTrue(version.matches("\\d+\\.\\d+\\.\\d+.*"), version);
  }
}
