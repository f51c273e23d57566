package io.sqlitekit.plugin.telemetry;

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
    ModuleDescriptors.assertNameAndExports(ModuleDescriptors.read(CLASSES), "io.sqlitekit.plugin.telemetry",
        Set.of("io.sqlitekit.plugin.telemetry"));
  }

  @Test
  void requires() throws IOException {
    ModuleDescriptors.assertRequires(ModuleDescriptors.read(CLASSES), Map.of(
        "io.sqlitekit.spi", Set.of(TRANSITIVE),
        "io.opentelemetry.api", Set.of(TRANSITIVE),
        "io.opentelemetry.context", Set.of()));
  }

  @Test
  void servicesDeclaredTwice() throws IOException {
    ModuleDescriptor d = ModuleDescriptors.read(CLASSES);
    ModuleDescriptors.assertProvides(d, CLASSES,
        Map.of("io.sqlitekit.spi.plugin.PluginProvider", Set.of("io.sqlitekit.plugin.telemetry.internal.TelemetryPluginProvider")));
    ModuleDescriptors.assertUses(d, Set.of());
  }
}
