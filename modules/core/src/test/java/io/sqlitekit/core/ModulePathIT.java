package io.sqlitekit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Core on the module path: the driver is found through {@code uses} alone and internals stay hidden. */
class ModulePathIT {
  @TempDir
  Path dir;

  @Test
  void opensAKitFromAModuleLayer() throws Exception {
    List<Path> path = new ArrayList<>();
    path.add(Path.of("target/classes"));
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String n = Path.of(e).getFileName().toString();
      if (n.startsWith("sqlitekit-spi") || n.startsWith("sqlitekit-support") || n.startsWith("sqlitekit-driver-xerial") || n.startsWith("sqlite-jdbc")
          || n.startsWith("slf4j-api") || n.startsWith("slf4j-nop")) {
        path.add(Path.of(e));
      }
    }
    ModuleFinder finder = ModuleFinder.of(path.toArray(new Path[0]));
    Configuration cf = ModuleLayer.boot().configuration()
        .resolveAndBind(finder, ModuleFinder.of(), Set.of("io.sqlitekit.core"));
    ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
    Module core = layer.findModule("io.sqlitekit.core").orElseThrow();
    assertTrue(core.isExported("io.sqlitekit.core"));
    assertFalse(core.isExported("io.sqlitekit.core.internal.render"));
    assertTrue(layer.findModule("io.sqlitekit.driver.xerial").isPresent(), "bound through uses DriverProvider");
    Class<?> kitType = layer.findLoader("io.sqlitekit.core").loadClass("io.sqlitekit.core.SqliteKit");
    Object kit = kitType.getMethod("open", String.class).invoke(null, "jdbc:sqlite:" + dir.resolve("mp.db"));
    try {
      kitType.getMethod("execute", String.class).invoke(kit, "CREATE TABLE t (x INTEGER)");
      assertEquals(List.of(), kitType.getMethod("pluginNames").invoke(kit));
    } finally {
      kitType.getMethod("close").invoke(kit);
    }
  }
}
