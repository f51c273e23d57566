package io.sqlitekit.query;

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

/** Pins the query module descriptor: name, exports, dependencies and services. */
final class ModuleDescriptorTest {
  private static ModuleDescriptor descriptor() throws IOException {
    // The finder scans the directory, so packages() includes the non-exported ones too.
    return ModuleFinder.of(Path.of("target/classes")).find("io.sqlitekit.query")
        .orElseThrow(() -> new IOException("no module in target/classes")).descriptor();
  }

  @Test
  void nameAndExports() throws IOException {
    ModuleDescriptor d = descriptor();
    assertEquals("io.sqlitekit.query", d.name());
    assertEquals(Set.of("io.sqlitekit.query"), d.exports().stream()
        .peek(e -> assertTrue(e.targets().isEmpty(), "qualified export " + e))
        .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
    assertTrue(d.opens().isEmpty());
    assertEquals(Set.of("io.sqlitekit.query", "io.sqlitekit.query.internal"), d.packages());
  }

  @Test
  void requiresOnlyTheSpiTransitively() throws IOException {
    Map<String, Set<ModuleDescriptor.Requires.Modifier>> req = descriptor().requires().stream()
        .collect(Collectors.toMap(ModuleDescriptor.Requires::name, ModuleDescriptor.Requires::modifiers,
            (a, b) -> a, TreeMap::new));
    assertEquals(Set.of("java.base", "io.sqlitekit.spi"), req.keySet());
    assertEquals(Set.of(ModuleDescriptor.Requires.Modifier.TRANSITIVE), req.get("io.sqlitekit.spi"));
  }

  @Test
  void usesAndProvidesNothing() throws IOException {
    ModuleDescriptor d = descriptor();
    assertTrue(d.uses().isEmpty());
    assertTrue(d.provides().isEmpty());
  }
}
