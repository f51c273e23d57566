package io.sqlitekit.plugin.maintenance;

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
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Pins the module descriptor: name, exports, dependencies, services; and the META-INF/services mirror. */
class ModuleDescriptorTest {
  private static ModuleDescriptor descriptor() throws IOException {
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      return ModuleDescriptor.read(in);
    }
  }

  @Test
  void nameAndExports() throws IOException {
    ModuleDescriptor d = descriptor();
    assertEquals("io.sqlitekit.plugin.maintenance", d.name());
    Set<String> exports = d.exports().stream().peek(e -> assertTrue(e.targets().isEmpty(), "qualified export " + e))
        .map(ModuleDescriptor.Exports::source).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(new TreeSet<>(Set.of("io.sqlitekit.plugin.maintenance")), exports);
    assertTrue(d.opens().isEmpty(), "opens nothing");
  }

  @Test
  void requires() throws IOException {
    Map<String, Set<ModuleDescriptor.Requires.Modifier>> requires = new TreeMap<>();
    descriptor().requires().stream().filter(r -> !r.name().equals("java.base"))
        .forEach(r -> requires.put(r.name(), r.modifiers().stream()
            .filter(m -> m == ModuleDescriptor.Requires.Modifier.TRANSITIVE || m == ModuleDescriptor.Requires.Modifier.STATIC)
            .collect(Collectors.toSet())));
    Map<String, Set<ModuleDescriptor.Requires.Modifier>> expected = new TreeMap<>();
    expected.put("io.sqlitekit.spi", Set.of(ModuleDescriptor.Requires.Modifier.TRANSITIVE));
    expected.put("io.sqlitekit.support", Set.of());
    expected.put("io.sqlitekit.core", Set.of(ModuleDescriptor.Requires.Modifier.STATIC));
    expected.put("org.slf4j", Set.of());
    assertEquals(expected, requires);
  }

  @Test
  void servicesDeclaredTwice() throws IOException {
    ModuleDescriptor d = descriptor();
    Map<String, Set<String>> provides = new TreeMap<>();
    d.provides().forEach(p -> provides.put(p.service(), new TreeSet<>(p.providers())));
    Map<String, Set<String>> expected = new TreeMap<>();
    expected.put("io.sqlitekit.spi.plugin.PluginProvider", Set.of("io.sqlitekit.plugin.maintenance.internal.MaintenancePluginProvider"));
    assertEquals(expected, provides);
    for (Map.Entry<String, Set<String>> e : expected.entrySet()) {
      Set<String> listed = Files.readAllLines(Path.of("target/classes/META-INF/services/" + e.getKey())).stream()
          .map(String::trim).filter(s -> !s.isEmpty() && !s.startsWith("#"))
          .collect(Collectors.toCollection(TreeSet::new));
      assertEquals(e.getValue(), listed, "META-INF/services mirrors module-info for " + e.getKey());
    }
    assertEquals(new TreeSet<>(Set.of("io.sqlitekit.spi.driver.DriverProvider")), new TreeSet<>(d.uses()));
  }
}
