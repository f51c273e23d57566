package io.sqlitekit.driver.d1.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.driver.DriverProvider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Pins the module descriptor (exports nothing, two requires, one provider) and its META-INF/services mirror. */
final class ModuleDescriptorTest {
  private static final String PROVIDER = D1DriverProvider.class.getName();

  private static ModuleDescriptor descriptor() throws IOException {
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      return ModuleDescriptor.read(in);
    }
  }

  @Test
  void descriptor_exportsNothing_requiresSpiAndClientOnly() throws IOException {
    ModuleDescriptor d = descriptor();
    assertEquals("io.sqlitekit.driver.d1", d.name());
    assertTrue(d.exports().isEmpty(), "exports nothing: " + d.exports());
    assertTrue(d.opens().isEmpty() && d.uses().isEmpty());
    assertEquals(Set.of("io.sqlitekit.driver.d1.internal"), d.packages());
    assertEquals(Set.of("io.sqlitekit.spi", "io.sqlitekit.d1.client"), d.requires().stream()
        .map(ModuleDescriptor.Requires::name).filter(n -> !n.equals("java.base")).collect(Collectors.toSet()));
  }

  @Test
  void descriptor_providerDeclaredTwice() throws IOException {
    Map<String, Set<String>> provides = new TreeMap<>();
    descriptor().provides().forEach(p -> provides.put(p.service(), new TreeSet<>(p.providers())));
    assertEquals(Map.of(DriverProvider.class.getName(), Set.of(PROVIDER)), provides);
    Set<String> listed = Files.readAllLines(Path.of("target/classes/META-INF/services/"
        + DriverProvider.class.getName()), StandardCharsets.UTF_8).stream().map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toSet());
    assertEquals(Set.of(PROVIDER), listed);
  }
}
