package io.sqlitekit.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class ModuleDescriptorTest {
  @Test
  void descriptor_isPinned() throws Exception {
    ModuleDescriptor d;
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      d = ModuleDescriptor.read(in);
    }
    assertEquals("io.sqlitekit.memory", d.name());
    assertEquals(Set.of("io.sqlitekit.memory"), d.exports().stream().map(e -> {
      assertTrue(e.targets().isEmpty(), "no qualified exports");
      return e.source();
    }).collect(Collectors.toSet()));
    assertEquals(Set.of("io.sqlitekit.spi", "io.sqlitekit.support", "java.base"),
        d.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()));
    assertTrue(d.requires().stream().anyMatch(r -> r.name().equals("io.sqlitekit.spi")
        && r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE)));
    // The shared layer is an implementation detail: users of the kit never see its types.
    assertTrue(d.requires().stream().anyMatch(r -> r.name().equals("io.sqlitekit.support") && r.modifiers().isEmpty()));
    assertEquals(Set.of("io.sqlitekit.spi.json.JsonCodec", "io.sqlitekit.spi.plugin.PluginProvider"), d.uses());
    assertTrue(d.provides().isEmpty());
    assertTrue(d.opens().isEmpty());
    ModuleDescriptor found = ModuleFinder.of(Path.of("target/classes")).find("io.sqlitekit.memory").orElseThrow()
        .descriptor();
    assertEquals(Set.of("io.sqlitekit.memory", "io.sqlitekit.memory.internal"), found.packages());
  }
}
