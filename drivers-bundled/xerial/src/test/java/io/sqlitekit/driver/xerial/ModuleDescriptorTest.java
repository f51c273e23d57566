package io.sqlitekit.driver.xerial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.driver.DriverProvider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Requires.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Pins the module descriptor and its META-INF/services mirror; ServiceLoader finds the provider. */
final class ModuleDescriptorTest {
  private static final String PROVIDER = "io.sqlitekit.driver.xerial.internal.XerialDriverProvider";

  private static ModuleDescriptor descriptor() throws IOException {
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      return ModuleDescriptor.read(in);
    }
  }

  @Test
  void descriptor_nameExportsOpensUses() throws IOException {
    ModuleDescriptor d = descriptor();
    assertEquals("io.sqlitekit.driver.xerial", d.name());
    assertTrue(d.exports().isEmpty(), "exports nothing: " + d.exports());
    assertTrue(d.opens().isEmpty(), "opens nothing");
    assertTrue(d.uses().isEmpty(), "uses nothing");
    assertEquals(Set.of("io.sqlitekit.driver.xerial.internal"), d.packages());
  }

  @Test
  void descriptor_requires() throws IOException {
    Map<String, Set<Modifier>> requires = new TreeMap<>();
    descriptor().requires().stream().filter(r -> !r.name().equals("java.base"))
        .forEach(r -> requires.put(r.name(), r.modifiers().stream()
            .filter(m -> m == Modifier.TRANSITIVE || m == Modifier.STATIC).collect(Collectors.toSet())));
    Map<String, Set<Modifier>> expected = new TreeMap<>();
    expected.put("io.sqlitekit.spi", Set.of());
    expected.put("io.sqlitekit.support", Set.of());
    expected.put("org.xerial.sqlitejdbc", Set.of());
    expected.put("org.slf4j", Set.of());
    assertEquals(expected, requires);
  }

  @Test
  void descriptor_providerDeclaredTwice() throws IOException {
    Map<String, Set<String>> provides = new TreeMap<>();
    descriptor().provides().forEach(p -> provides.put(p.service(), new TreeSet<>(p.providers())));
    assertEquals(Map.of(DriverProvider.class.getName(), Set.of(PROVIDER)), provides);
    Set<String> listed = Files.readAllLines(
            Path.of("target/classes/META-INF/services/" + DriverProvider.class.getName())).stream()
        .map(String::trim).filter(s -> !s.isEmpty() && !s.startsWith("#")).collect(Collectors.toSet());
    assertEquals(Set.of(PROVIDER), listed, "META-INF/services mirrors module-info");
  }

  @Test
  void serviceLoader_findsProviderOnClassPath() {
    List<DriverProvider> found = ServiceLoader.load(DriverProvider.class).stream()
        .map(ServiceLoader.Provider::get).collect(Collectors.toList());
    assertEquals(1, found.size(), "exactly one provider on the test class path");
    DriverProvider p = found.get(0);
    assertEquals("xerial", p.name());
    assertEquals(PROVIDER, p.getClass().getName());
    assertTrue(p.accepts("jdbc:sqlite:app.db"));
    assertTrue(p.accepts("jdbc:sqlite::memory:"));
    assertTrue(!p.accepts("jdbc:h2:mem:x") && !p.accepts("sqlite:app.db"));
  }
}
