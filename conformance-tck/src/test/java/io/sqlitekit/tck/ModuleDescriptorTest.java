package io.sqlitekit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Pins the TCK module descriptor: name, exports, the opens, requires and the harness service use. */
final class ModuleDescriptorTest {
  private static ModuleDescriptor descriptor() throws IOException {
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      return ModuleDescriptor.read(in);
    }
  }

  @Test
  void nameExportsAndOpens() throws IOException {
    ModuleDescriptor d = descriptor();
    assertEquals("io.sqlitekit.tck", d.name());
    assertEquals(Set.of("io.sqlitekit.tck", "io.sqlitekit.tck.suite", "io.sqlitekit.tck.plugin"), d.exports().stream()
        .peek(e -> assertTrue(e.targets().isEmpty(), "qualified export " + e))
        .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
    assertEquals(Set.of("io.sqlitekit.tck.suite", "io.sqlitekit.tck.plugin"), d.opens().stream()
        .peek(o -> assertEquals(Set.of("org.junit.platform.commons"), o.targets()))
        .map(ModuleDescriptor.Opens::source).collect(Collectors.toSet()));
    assertTrue(d.exports().stream().noneMatch(e -> e.source().endsWith(".internal")), "internals stay hidden");
  }

  @Test
  void requires() throws IOException {
    Map<String, Set<ModuleDescriptor.Requires.Modifier>> requires = descriptor().requires().stream()
        .filter(r -> !r.name().equals("java.base"))
        .collect(Collectors.toMap(ModuleDescriptor.Requires::name, ModuleDescriptor.Requires::modifiers,
            (a, b) -> a, TreeMap::new));
    assertEquals(Set.of("io.sqlitekit.spi", "org.junit.jupiter.api", "org.junit.platform.launcher"),
        requires.keySet());
    assertEquals(Set.of(ModuleDescriptor.Requires.Modifier.TRANSITIVE), requires.get("io.sqlitekit.spi"));
    assertEquals(Set.of(), requires.get("org.junit.jupiter.api"));
    assertEquals(Set.of(), requires.get("org.junit.platform.launcher"));
  }

  @Test
  void usesTheHarnessServiceAndProvidesNothing() throws IOException {
    ModuleDescriptor d = descriptor();
    assertEquals(Set.of("io.sqlitekit.tck.RepoHarness"), d.uses());
    assertTrue(d.provides().isEmpty());
  }
}
