package io.sqlitekit.testsupport;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Requires.Modifier;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Pins this module's own descriptor, using the assertions it offers. */
final class ModuleDescriptorTest {
  private static final Path CLASSES = Path.of("target/classes");

  @Test
  void descriptor_nameExportsOpens() throws IOException {
    ModuleDescriptor d = ModuleDescriptors.read(CLASSES);
    ModuleDescriptors.assertNameAndExports(d, "io.sqlitekit.testsupport", Set.of("io.sqlitekit.testsupport"));
    ModuleDescriptors.assertUses(d, Set.of());
  }

  @Test
  void descriptor_requires() throws IOException {
    ModuleDescriptors.assertRequires(ModuleDescriptors.read(CLASSES), Map.of(
        "io.sqlitekit.spi", Set.of(Modifier.TRANSITIVE),
        "org.junit.jupiter.api", Set.of(Modifier.TRANSITIVE),
        "java.sql", Set.of(),
        "java.net.http", Set.of(),
        "jdk.httpserver", Set.of()));
  }

  @Test
  void descriptor_providesNothing() throws IOException {
    ModuleDescriptors.assertProvides(ModuleDescriptors.read(CLASSES), CLASSES, Map.of());
  }
}
