package io.sqlitekit.plugin.validation;

import static java.lang.module.ModuleDescriptor.Requires.Modifier.TRANSITIVE;

import io.sqlitekit.testsupport.ModuleDescriptors;
import jakarta.validation.Validation;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Pins the module descriptor and proves the provider is found on a module path by name. */
final class ModuleTest {
  private static final Path CLASSES = Path.of("target/classes");
  private static final String MODULE = "io.sqlitekit.plugin.validation";

  @Test
  void descriptor_exportsOnlyTheApi_requiresSpiAndTheValidationApi() throws Exception {
    ModuleDescriptor d = ModuleDescriptors.read(CLASSES);
    ModuleDescriptors.assertNameAndExports(d, MODULE, Set.of(MODULE));
    ModuleDescriptors.assertConcealed(d, MODULE + ".internal");
    ModuleDescriptors.assertRequires(d, Map.of("io.sqlitekit.spi", Set.of(TRANSITIVE), "jakarta.validation", Set.of()));
    ModuleDescriptors.assertProvides(d, CLASSES, Map.of("io.sqlitekit.spi.plugin.PluginProvider",
        Set.of(MODULE + ".internal.ValidationPluginProvider")));
  }

  @Test
  void provider_foundOnModulePath_byName() throws Exception {
    ModuleDescriptors.assertPluginOnModulePath(CLASSES, MODULE, ValidationPlugin.NAME, jarOf(Validation.class));
  }

  private static Path jarOf(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
