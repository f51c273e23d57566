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

  @Test
  void customFilterCompilerAndJsonCodecAreUsed() {
    java.util.concurrent.atomic.AtomicInteger compiled = new java.util.concurrent.atomic.AtomicInteger();
    io.sqlitekit.spi.compile.FilterCompiler compiler = (f, t) -> {
      compiled.incrementAndGet();
      return new io.sqlitekit.spi.compile.SqlFragment("\"email\" = ?", java.util.List.of("b@x"));
    };
    java.util.List<Object> written = new java.util.ArrayList<>();
    io.sqlitekit.spi.json.JsonCodec codec = new io.sqlitekit.spi.json.JsonCodec() {
      @Override
      public String write(Object value) {
        written.add(value);
        return "\"fixed\"";
      }

      @Override
      public Object read(String json, java.lang.reflect.Type type) {
        return "read:" + json;
      }
    };
    io.sqlitekit.spi.table.TableDef t = io.sqlitekit.spi.table.TableDef.of("j",
        io.sqlitekit.spi.table.Column.text("id").primaryKey(), io.sqlitekit.spi.table.Column.json("v", Object.class));
    try (SqliteKit kit = Fixtures.builder(dir).filterCompiler(compiler).jsonCodec(codec).build()) {
      kit.createTable(USERS);
      kit.createTable(t);
      SqliteRepository<User, String> u = kit.repository(USERS, User.class);
      u.createMany(java.util.List.of(User.of("a", "a@x"), User.of("b", "b@x")));
      assertEquals(java.util.List.of("b"), RepositoryIT.ids(u.findAll(io.sqlitekit.spi.filter.Filters.eq("id", "a"))),
          "the custom compiler decides the WHERE clause");
      assertEquals(1, compiled.get());
      assertEquals("read:\"fixed\"", kit.documents(t).create(java.util.Map.of("id", "x", "v", 5L)).get("v"));
      assertEquals(java.util.List.of(5L), written);
      assertTrue(kit.jsonCodec() == codec);
    }
  }
}
