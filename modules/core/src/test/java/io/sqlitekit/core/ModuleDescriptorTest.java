package io.sqlitekit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ModuleDescriptorTest {
  @Test
  void descriptorIsPinned() throws Exception {
    ModuleDescriptor d;
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      d = ModuleDescriptor.read(in);
    }
    assertEquals("io.sqlitekit.core", d.name());
    assertEquals(Set.of("io.sqlitekit.core", "io.sqlitekit.core.schema"),
        d.exports().stream().map(e -> {
          assertTrue(e.targets().isEmpty(), "no qualified exports");
          return e.source();
        }).collect(Collectors.toSet()));
    assertEquals(Set.of("io.sqlitekit.spi", "io.sqlitekit.support", "org.slf4j", "java.base"),
        d.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()));
    assertTrue(d.requires().stream().anyMatch(r -> r.name().equals("io.sqlitekit.spi")
        && r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE)));
    assertTrue(d.requires().stream().noneMatch(r -> r.name().equals("org.slf4j")
        && r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE)));
    assertEquals(Set.of("io.sqlitekit.spi.driver.DriverProvider", "io.sqlitekit.spi.plugin.PluginProvider",
        "io.sqlitekit.spi.json.JsonCodec", "io.sqlitekit.spi.compile.FilterCompiler"), d.uses());
    assertTrue(d.provides().isEmpty());
    assertTrue(d.opens().isEmpty());
  }
}
