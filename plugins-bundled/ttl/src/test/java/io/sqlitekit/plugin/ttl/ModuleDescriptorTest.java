package io.sqlitekit.plugin.ttl;

import static java.lang.module.ModuleDescriptor.Requires.Modifier.TRANSITIVE;

import io.sqlitekit.testsupport.ModuleDescriptors;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Pins the module descriptor: name, exports, dependencies, services; and the META-INF/services mirror. */
class ModuleDescriptorTest {
  private static final Path CLASSES = Path.of("target/classes");

  @Test
  void nameAndExports() throws IOException {
    ModuleDescriptors.assertNameAndExports(ModuleDescriptors.read(CLASSES), "io.sqlitekit.plugin.ttl",
        Set.of("io.sqlitekit.plugin.ttl"));
  }

  @Test
  void requires() throws IOException {
    ModuleDescriptors.assertRequires(ModuleDescriptors.read(CLASSES), Map.of(
        "io.sqlitekit.spi", Set.of(TRANSITIVE),
        "org.slf4j", Set.of()));
  }

  @Test
  void servicesDeclaredTwice() throws IOException {
    ModuleDescriptor d = ModuleDescriptors.read(CLASSES);
    ModuleDescriptors.assertProvides(d, CLASSES,
        Map.of("io.sqlitekit.spi.plugin.PluginProvider", Set.of("io.sqlitekit.plugin.ttl.internal.TtlPluginProvider")));
    ModuleDescriptors.assertUses(d, Set.of());
  }
}
