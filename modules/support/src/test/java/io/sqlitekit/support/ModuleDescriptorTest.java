package io.sqlitekit.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Pins the shared layer's descriptor: it depends on the spi alone and exports only its API packages. */
class ModuleDescriptorTest {
  @Test
  void descriptorIsPinned() throws Exception {
    ModuleDescriptor d;
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      d = ModuleDescriptor.read(in);
    }
    assertEquals("io.sqlitekit.support", d.name());
    assertEquals(Set.of("io.sqlitekit.support.discovery", "io.sqlitekit.support.driver",
        "io.sqlitekit.support.filter", "io.sqlitekit.support.hook", "io.sqlitekit.support.json", "io.sqlitekit.support.page",
        "io.sqlitekit.support.repo", "io.sqlitekit.support.rules"),
        d.exports().stream().map(e -> {
          assertTrue(e.targets().isEmpty(), "no qualified exports");
          return e.source();
        }).collect(Collectors.toSet()));
    assertEquals(Set.of("io.sqlitekit.spi", "java.base"),
        d.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()));
    assertTrue(d.uses().isEmpty() && d.provides().isEmpty() && d.opens().isEmpty());
  }
}
