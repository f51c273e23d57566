package io.sqlitekit.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Pins the migrate module descriptor: name, exports, dependencies and services. */
final class ModuleDescriptorTest {
  private static ModuleDescriptor descriptor() throws IOException {
    // The finder scans the directory, so packages() includes the non-exported ones too.
    return ModuleFinder.of(Path.of("target/classes")).find("io.sqlitekit.migrate")
        .orElseThrow(() -> new IOException("no module in target/classes")).descriptor();
  }

  @Test
  void nameAndExports() throws IOException {
    ModuleDescriptor d = descriptor();
    assertEquals("io.sqlitekit.migrate", d.name());
    assertEquals(Set.of("io.sqlitekit.migrate", "io.sqlitekit.migrate.cli"),
        d.exports().stream().peek(e -> assertTrue(e.targets().isEmpty(), "qualified export " + e))
            .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
    assertTrue(d.opens().isEmpty());
    assertTrue(d.packages().contains("io.sqlitekit.migrate.internal"), "internals exist but are not exported");
  }

  @Test
  void requires() throws IOException {
    Map<String, Set<ModuleDescriptor.Requires.Modifier>> req = descriptor().requires().stream()
        .collect(Collectors.toMap(ModuleDescriptor.Requires::name, ModuleDescriptor.Requires::modifiers,
            (a, b) -> a, TreeMap::new));
    assertEquals(Set.of("java.base", "io.sqlitekit.spi", "io.sqlitekit.support", "io.sqlitekit.plugin.maintenance",
        "org.slf4j"), req.keySet());
    assertTrue(req.get("io.sqlitekit.support").isEmpty());
    assertEquals(Set.of(ModuleDescriptor.Requires.Modifier.TRANSITIVE), req.get("io.sqlitekit.spi"));
    assertTrue(req.get("org.slf4j").isEmpty());
  }

  @Test
  void usesDriverProviderAndJsonCodec_providesNothing() throws IOException {
    ModuleDescriptor d = descriptor();
    assertEquals(Set.of("io.sqlitekit.spi.driver.DriverProvider", "io.sqlitekit.spi.json.JsonCodec"), d.uses());
    assertTrue(d.provides().isEmpty());
  }
}
