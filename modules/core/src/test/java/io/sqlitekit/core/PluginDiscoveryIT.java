package io.sqlitekit.core;

import static io.sqlitekit.core.Fixtures.USERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.Fixtures.User;
import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.driver.PragmaPreset;
import io.sqlitekit.spi.error.ConfigurationException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginDiscoveryIT {
  @TempDir
  Path dir;

  @Test
  void discoveredPluginIsEnabledOnlyByName() {
    try (SqliteKit plain = Fixtures.builder(dir).build()) {
      plain.createTable(USERS);
      assertEquals(null, plain.repository(USERS, User.class).create(User.of("a", "a@x")).name(),
          "being on the class path does not enable it");
    }
    try (SqliteKit kit = Fixtures.builder(dir).plugins("test-stamp").build()) {
      assertEquals(java.util.List.of("test-stamp"), kit.pluginNames());
      assertEquals("stamp", kit.repository(USERS, User.class).create(User.of("b", "b@x")).name());
    }
  }

  @Test
  void unknownAndDuplicateNamesFailAtBuild() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> Fixtures.builder(dir).plugins("nope").build());
    assertTrue(e.getMessage().contains("\"nope\"") && e.getMessage().contains("test-stamp"), e.getMessage());
    ConfigurationException d = assertThrows(ConfigurationException.class,
        () -> Fixtures.builder(dir).plugins("test-stamp").plugin(new TestStampProvider().create(java.util.Map.of()))
            .build());
    assertTrue(d.getMessage().contains("twice"), d.getMessage());
  }

  @Test
  void builderValidatesItsFields() {
    SqliteKit.Builder b = SqliteKit.builder().url("jdbc:sqlite:x.db");
    assertThrows(IllegalStateException.class, () -> b.url("jdbc:sqlite:y.db"));
    assertThrows(IllegalArgumentException.class, () -> SqliteKit.builder().maxPageLimit(0));
    assertThrows(ConfigurationException.class, () -> SqliteKit.builder().build());
    assertThrows(ConfigurationException.class, () -> SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("a.db"))
        .preset(PragmaPreset.TEST).driverOptions(DriverOptions.defaults()).build());
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> SqliteKit.builder().url("jdbc:postgresql://h/db").build());
    assertTrue(e.getMessage().contains("xerial"), e.getMessage());
    SqliteKit.Builder used = Fixtures.builder(dir);
    used.build().close();
    assertThrows(IllegalStateException.class, used::build);
    try (SqliteKit k = SqliteKit.open("jdbc:sqlite:" + dir.resolve("open.db"))) {
      assertEquals(1000, k.maxPageLimit());
    }
  }
}
