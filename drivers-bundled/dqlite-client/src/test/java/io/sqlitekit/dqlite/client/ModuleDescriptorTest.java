package io.sqlitekit.dqlite.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Pins the descriptor: one exported package, internals hidden, nothing required but java.base. */
final class ModuleDescriptorTest {
  private static ModuleDescriptor descriptor() throws IOException {
    return ModuleFinder.of(Path.of("target/classes")).find("io.sqlitekit.dqlite.client")
        .orElseThrow(() -> new IOException("no module in target/classes")).descriptor();
  }

  @Test
  void descriptor_nameExportsPackages() throws IOException {
    ModuleDescriptor d = descriptor();
    assertEquals("io.sqlitekit.dqlite.client", d.name());
    assertEquals(Set.of("io.sqlitekit.dqlite.client"), d.exports().stream()
        .peek(e -> assertTrue(e.targets().isEmpty(), "qualified export " + e))
        .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
    assertEquals(Set.of("io.sqlitekit.dqlite.client", "io.sqlitekit.dqlite.client.internal"), d.packages());
    assertTrue(d.opens().isEmpty());
  }

  @Test
  void descriptor_dependencyFree() throws IOException {
    ModuleDescriptor d = descriptor();
    assertEquals(Set.of("java.base"),
        d.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()));
    assertTrue(d.uses().isEmpty());
    assertTrue(d.provides().isEmpty());
  }
}
