package io.sqlitekit.plugin.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Requires.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Pins the module descriptor (name, exports, requires, provides) and its META-INF/services mirror. */
final class ModuleDescriptorTest {
  private static final String PROVIDER = "io.sqlitekit.plugin.tenant.internal.TenantPluginProvider";

  private static ModuleDescriptor descriptor() throws IOException {
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      return ModuleDescriptor.read(in);
    }
  }

  @Test
  void descriptor_nameExportsOpens() throws IOException {
    ModuleDescriptor d = descriptor();
    assertEquals("io.sqlitekit.plugin.tenant", d.name());
    Set<String> exports = d.exports().stream()
        .peek(e -> assertTrue(e.targets().isEmpty(), "qualified export " + e))
        .map(ModuleDescriptor.Exports::source).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of("io.sqlitekit.plugin.tenant"), exports);
    assertTrue(d.opens().isEmpty(), "opens nothing");
    assertTrue(d.uses().isEmpty(), "uses nothing");
    assertTrue(d.packages().contains("io.sqlitekit.plugin.tenant.internal"), "internal package present but not exported");
  }

  @Test
  void descriptor_requires() throws IOException {
    Map<String, Set<Modifier>> requires = new TreeMap<>();
    descriptor().requires().stream().filter(r -> !r.name().equals("java.base"))
        .forEach(r -> requires.put(r.name(), r.modifiers().stream()
            .filter(m -> m == Modifier.TRANSITIVE || m == Modifier.STATIC).collect(Collectors.toSet())));
    Map<String, Set<Modifier>> expected = new TreeMap<>();
    expected.put("io.sqlitekit.spi", Set.of(Modifier.TRANSITIVE));
    expected.put("org.slf4j", Set.of());
    assertEquals(expected, requires);
  }

  @Test
  void descriptor_providerDeclaredTwice() throws IOException {
    Map<String, Set<String>> provides = new TreeMap<>();
    descriptor().provides().forEach(p -> provides.put(p.service(), new TreeSet<>(p.providers())));
    assertEquals(Map.of("io.sqlitekit.spi.plugin.PluginProvider", Set.of(PROVIDER)), provides);
    Set<String> listed = Files.readAllLines(
            Path.of("target/classes/META-INF/services/io.sqlitekit.spi.plugin.PluginProvider")).stream()
        .map(String::trim).filter(s -> !s.isEmpty() && !s.startsWith("#")).collect(Collectors.toSet());
    assertEquals(Set.of(PROVIDER), listed, "META-INF/services mirrors module-info");
  }
}
