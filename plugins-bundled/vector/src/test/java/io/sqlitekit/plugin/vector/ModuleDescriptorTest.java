package io.sqlitekit.plugin.vector;

import static java.lang.module.ModuleDescriptor.Requires.Modifier.TRANSITIVE;

import io.sqlitekit.testsupport.ModuleDescriptors;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Pins the module descriptor (name, exports, requires, provides) and its META-INF/services mirror. */
final class ModuleDescriptorTest {
  private static final Path CLASSES = Path.of("target/classes");
  private static final String PROVIDER = "io.sqlitekit.plugin.vector.internal.VectorPluginProvider";

  @Test
  void descriptor_nameExportsOpens() throws IOException {
    ModuleDescriptor d = ModuleDescriptors.read(CLASSES);
    ModuleDescriptors.assertNameAndExports(d, "io.sqlitekit.plugin.vector", Set.of("io.sqlitekit.plugin.vector"));
    ModuleDescriptors.assertUses(d, Set.of());
    ModuleDescriptors.assertConcealed(d, "io.sqlitekit.plugin.vector.internal");
  }

  @Test
  void descriptor_requires() throws IOException {
    ModuleDescriptors.assertRequires(ModuleDescriptors.read(CLASSES), Map.of(
        "io.sqlitekit.spi", Set.of(TRANSITIVE)));
  }

  @Test
  void descriptor_providerDeclaredTwice() throws IOException {
    ModuleDescriptors.assertProvides(ModuleDescriptors.read(CLASSES), CLASSES,
        Map.of("io.sqlitekit.spi.plugin.PluginProvider", Set.of(PROVIDER)));
  }

  @Test
  void provider_foundOnModulePath_byName() throws Exception {
    ModuleDescriptors.assertPluginOnModulePath(CLASSES, "io.sqlitekit.plugin.vector", "vector", Map.of("dimensions", "3"));
  }
}
