package io.sqlitekit.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Pins the spi module descriptor: name, exports, dependencies and services. */
class ModuleDescriptorTest {
  private static ModuleDescriptor descriptor() throws IOException {
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      return ModuleDescriptor.read(in);
    }
  }

  @Test
  void nameAndExports() throws IOException {
    ModuleDescriptor d = descriptor();
    assertEquals("io.sqlitekit.spi", d.name());
    Set<String> exports = d.exports().stream().peek(e -> assertTrue(e.targets().isEmpty(), "qualified export " + e))
        .map(ModuleDescriptor.Exports::source).collect(Collectors.toCollection(TreeSet::new));
    Set<String> expected = new TreeSet<>(Set.of("io.sqlitekit.spi", "io.sqlitekit.spi.filter",
        "io.sqlitekit.spi.update", "io.sqlitekit.spi.table", "io.sqlitekit.spi.error", "io.sqlitekit.spi.plugin",
        "io.sqlitekit.spi.driver", "io.sqlitekit.spi.compile", "io.sqlitekit.spi.cache", "io.sqlitekit.spi.audit",
        "io.sqlitekit.spi.json"));
    assertEquals(expected, exports);
    assertTrue(d.opens().isEmpty(), "spi opens nothing");
  }

  @Test
  void dependsOnlyOnTheJdk() throws IOException {
    Set<String> requires = descriptor().requires().stream().map(ModuleDescriptor.Requires::name)
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(new TreeSet<>(Set.of("java.base", "java.sql")), requires);
  }

  @Test
  void providesNothingAndDeclaresNoServiceUse() throws IOException {
    ModuleDescriptor d = descriptor();
    assertTrue(d.provides().isEmpty());
    assertTrue(d.uses().isEmpty(), "spi only defines services; core and plugins use them");
  }
}
