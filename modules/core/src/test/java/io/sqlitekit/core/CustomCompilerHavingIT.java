package io.sqlitekit.core;

import static io.sqlitekit.spi.filter.Filters.gt;
import static io.sqlitekit.spi.filter.Filters.gte;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.Fixtures.User;
import io.sqlitekit.support.json.MiniJson;
import io.sqlitekit.core.internal.render.FilterRenderer;
import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.Measure;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.compile.FilterCompiler;
import io.sqlitekit.spi.error.ConfigurationException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A custom FilterCompiler renders an aggregate's HAVING too, and its answers match the default renderer's. */
class CustomCompilerHavingIT {
  @TempDir
  Path dir;

  private static List<Map<String, Object>> run(SqliteKit kit, List<User> seed) {
    kit.createTable(Fixtures.USERS);
    SqliteRepository<User, String> users = kit.repository(Fixtures.USERS, User.class);
    users.createMany(seed);
    // "age" is also a column: as a measure alias it must mean the count of the group, never the column.
    return users.aggregate(AggregateRequest.of("age", Measure.count()).measure("newest", Measure.max("createdAt"))
        .groupBy("name").where(gte("age", 0L)).having(gt("age", 1L)).orderBy(Sort.parse("-age,name")));
  }

  @Test
  void havingGoesThroughTheCustomCompiler_sameRowsAsTheDefault() {
    List<User> seed = new ArrayList<>();
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    String[] names = {"ann", "bob", "bob", "cy", "cy", "cy", "dee"};
    for (int i = 0; i < names.length; i++) {
      seed.add(new User("u" + i, i + "@x", names[i], 5L + i, true, t0.plusSeconds(i), null));
    }
    List<String> compiled = new CopyOnWriteArrayList<>();
    FilterRenderer standard = new FilterRenderer(MiniJson.INSTANCE);
    FilterCompiler custom = (f, t) -> {
      compiled.add(t.columns().get(0).name() + ":" + f);
      return standard.compile(f, t);
    };
    List<Map<String, Object>> viaCustom;
    try (SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("custom.db")).filterCompiler(custom)
        .build()) {
      viaCustom = run(kit, seed);
    }
    List<Map<String, Object>> viaDefault;
    try (SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("default.db")).build()) {
      viaDefault = run(kit, seed);
    }
    assertEquals(List.of(Map.of("name", "cy", "age", 3L, "newest", t0.plusSeconds(5)),
        Map.of("name", "bob", "age", 2L, "newest", t0.plusSeconds(2))), viaDefault);
    assertEquals(viaDefault, viaCustom);
    assertTrue(compiled.size() == 2 && compiled.get(1).startsWith("name:"),
        "the compiler saw the WHERE and then the HAVING over the aggregate's output: " + compiled);
  }

  @Test
  void aCompilerFoundByServiceLoaderIsSelectedByName_andCoversWhereAndHaving() {
    List<User> seed = List.of(new User("a", "a@x", "bob", 5L, true, Instant.EPOCH, null),
        new User("b", "b@x", "bob", 6L, true, Instant.EPOCH.plusSeconds(1), null),
        new User("c", "c@x", "cy", 7L, true, Instant.EPOCH, null));
    RecordingCompiler.COMPILED.clear();
    List<Map<String, Object>> rows;
    try (SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("named.db"))
        .filterCompiler(RecordingCompiler.NAME).build()) {
      rows = run(kit, seed);
    }
    assertEquals(List.of(Map.of("name", "bob", "age", 2L, "newest", Instant.EPOCH.plusSeconds(1))), rows);
    List<String> compiled = List.copyOf(RecordingCompiler.COMPILED);
    assertTrue(compiled.size() == 2 && compiled.get(0).startsWith("id:") && compiled.get(1).startsWith("name:"),
        "the discovered compiler rendered the WHERE over the table and the HAVING over the output: " + compiled);
  }

  @Test
  void anUnknownCompilerNameIsRefusedNamingTheAvailableOnes() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> SqliteKit.builder()
        .url("jdbc:sqlite:" + dir.resolve("x.db")).filterCompiler("nope").build());
    assertTrue(e.getMessage().contains("\"nope\"") && e.getMessage().contains(RecordingCompiler.NAME),
        e.getMessage());
  }

  @Test
  void aCompilerIsSetOnce() {
    SqliteKit.Builder b = SqliteKit.builder().filterCompiler(RecordingCompiler.NAME);
    assertThrows(IllegalStateException.class, () -> b.filterCompiler(new RecordingCompiler()));
  }
}
