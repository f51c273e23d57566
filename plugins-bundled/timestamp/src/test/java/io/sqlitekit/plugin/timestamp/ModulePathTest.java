package io.sqlitekit.plugin.timestamp;

import io.sqlitekit.testsupport.ModuleDescriptors;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The plugin as a named module on a module path: a module layer built from {@code target/classes} and the jars
 * of its dependencies finds the provider through {@code provides … with} alone (the class-path tests use
 * META-INF/services), and the internal package stays closed.
 */
final class ModulePathTest {
  @Test
  void provider_foundOnModulePath_byName() throws Exception {
    ModuleDescriptors.assertPluginOnModulePath(Path.of("target/classes"), "io.sqlitekit.plugin.timestamp", "timestamp");
  }
}
