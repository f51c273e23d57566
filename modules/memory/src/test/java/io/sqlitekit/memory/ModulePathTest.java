package io.sqlitekit.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.table.TableDef;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Boots the kit as a named module (target/classes + the spi and support jars) in its own module layer. */
final class ModulePathTest {
  @Test
  void kit_runsAsNamedModule_internalsNotExported() throws Exception {
    Path spi = Path.of(TableDef.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path support = Path.of(io.sqlitekit.support.hook.HookEngine.class.getProtectionDomain().getCodeSource()
        .getLocation().toURI());
    ModuleFinder finder = ModuleFinder.of(Path.of("target/classes"), spi, support);
    ModuleLayer boot = ModuleLayer.boot();
    Configuration cf = boot.configuration().resolve(finder, ModuleFinder.of(), Set.of("io.sqlitekit.memory"));
    ModuleLayer layer = boot.defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
    Module memory = layer.findModule("io.sqlitekit.memory").orElseThrow();
    assertTrue(memory.isExported("io.sqlitekit.memory"));
    assertFalse(memory.isExported("io.sqlitekit.memory.internal"));
    Class<?> kitType = layer.findLoader("io.sqlitekit.memory").loadClass("io.sqlitekit.memory.MemoryKit");
    assertEquals(memory, kitType.getModule());
    Object kit = kitType.getMethod("create").invoke(null);
    assertEquals(MemoryKit.DEFAULT_MAX_PAGE_LIMIT, kitType.getMethod("maxPageLimit").invoke(kit));
    // The built-in JSON codec comes from the support module, which the kit reads but does not export.
    Object codec = kitType.getMethod("jsonCodec").invoke(kit);
    assertEquals("io.sqlitekit.support", codec.getClass().getModule().getName());
  }
}
