package io.sqlitekit.plugin.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.plugin.maintenance.internal.MaintenancePluginProvider;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.plugin.PluginProvider;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

final class MaintenancePluginProviderTest {
  @Test
  void foundByNameThroughServiceLoader() {
    assertTrue(ServiceLoader.load(PluginProvider.class).stream()
        .anyMatch(p -> p.get().name().equals(MaintenancePlugin.NAME)));
  }

  @Test
  void parsesOptionsAndRejectsUnknownOrBadOnes() {
    MaintenancePluginProvider p = new MaintenancePluginProvider();
    assertEquals("maintenance", p.create(Map.of("checkpointEvery", "PT5M", "checkpointMode", "truncate",
        "incrementalVacuumEvery", "60000", "incrementalVacuumPages", "100", "optimizeOnClose", "false")).name());
    ConfigurationException unknown = assertThrows(ConfigurationException.class,
        () -> p.create(Map.of("vacuumEvry", "PT1H")));
    assertTrue(unknown.getMessage().contains("vacuumEvry"), unknown.getMessage());
    assertThrows(ConfigurationException.class, () -> p.create(Map.of("optimizeEvery", "soon")));
    assertThrows(ConfigurationException.class, () -> p.create(Map.of("checkpointMode", "sometimes")));
    assertThrows(ConfigurationException.class, () -> p.create(Map.of("optimizeOnClose", "yes")));
    assertThrows(ConfigurationException.class, () -> p.create(Map.of("incrementalVacuumPages", "-1")));
  }
}
