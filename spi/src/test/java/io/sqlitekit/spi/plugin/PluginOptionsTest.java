package io.sqlitekit.spi.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.error.ConfigurationException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PluginOptionsTest {
  /** Options under test: a tiny immutable holder. */
  record Opts(String name, boolean on, long size, Duration every, List<String> tags, Set<Operation> ops,
      Operation.Kind kind) {
    static Opts defaults() {
      return new Opts("x", false, 1, Duration.ZERO, List.of(), Set.of(), Operation.Kind.READ);
    }
  }

  private static Opts apply(Map<String, String> raw) {
    PluginOptions p = PluginOptions.parse("demo", raw, "name", "on", "size", "every", "tags", "ops", "kind");
    Opts o = p.text(Opts.defaults(), "name", (t, v) -> new Opts(v, t.on(), t.size(), t.every(), t.tags(), t.ops(),
        t.kind()));
    o = p.bool(o, "on", (t, v) -> new Opts(t.name(), v, t.size(), t.every(), t.tags(), t.ops(), t.kind()));
    o = p.number(o, "size", (t, v) -> {
      if (v < 1) {
        throw new IllegalArgumentException("size must be >= 1");
      }
      return new Opts(t.name(), t.on(), v, t.every(), t.tags(), t.ops(), t.kind());
    });
    o = p.duration(o, "every", (t, v) -> new Opts(t.name(), t.on(), t.size(), v, t.tags(), t.ops(), t.kind()));
    o = p.list(o, "tags", (t, v) -> new Opts(t.name(), t.on(), t.size(), t.every(), v, t.ops(), t.kind()));
    o = p.operations(o, "ops", (t, v) -> new Opts(t.name(), t.on(), t.size(), t.every(), t.tags(), v, t.kind()));
    return p.choice(o, "kind", Operation.Kind.class, (t, v) -> new Opts(t.name(), t.on(), t.size(), t.every(),
        t.tags(), t.ops(), v));
  }

  @Test
  void everyValueKindParses_andAbsentKeysKeepDefaults() {
    assertEquals(Opts.defaults(), apply(Map.of()));
    Opts o = apply(Map.of("name", " n ", "on", "TRUE", "size", "7", "every", "PT2S", "tags", "a, b,,c",
        "ops", "reads,update", "kind", "batch"));
    assertEquals("n", o.name());
    assertTrue(o.on());
    assertEquals(7, o.size());
    assertEquals(Duration.ofSeconds(2), o.every());
    assertEquals(List.of("a", "b", "c"), o.tags());
    Set<Operation> expected = EnumSet.copyOf(Operation.reads());
    expected.add(Operation.UPDATE);
    assertEquals(expected, o.ops());
    assertEquals(Operation.Kind.BATCH, o.kind());
    assertEquals(Duration.ofMillis(250), apply(Map.of("every", "250")).every());
  }

  @Test
  void sharedOperationSets() {
    assertTrue(Operation.reads().stream().noneMatch(Operation::isWrite));
    assertTrue(Operation.writes().stream().allMatch(Operation::isWrite));
    assertEquals(Operation.values().length, Operation.reads().size() + Operation.writes().size());
    assertTrue(Operation.scoped().stream().allMatch(Operation::isScoped));
    assertEquals(EnumSet.allOf(Operation.class), PluginOptions.operations("all"));
    assertEquals(Operation.scoped(), PluginOptions.operations("scoped"));
    assertEquals(EnumSet.of(Operation.CREATE_MANY), PluginOptions.operations("create-many"));
  }

  @Test
  void errorsNameTheKey() {
    ConfigurationException unknown = assertThrows(ConfigurationException.class, () -> apply(Map.of("colour", "red")));
    assertTrue(unknown.getMessage().startsWith("demo plugin: unknown option \"colour\" (expected name, on,"),
        unknown.getMessage());
    for (Map<String, String> bad : List.of(Map.of("on", "yes"), Map.of("size", "many"), Map.of("size", "0"),
        Map.of("every", "soon"), Map.of("ops", "reads,fly"), Map.of("kind", "other"))) {
      String key = bad.keySet().iterator().next();
      ConfigurationException e = assertThrows(ConfigurationException.class, () -> apply(bad), bad::toString);
      assertTrue(e.getMessage().contains("option \"" + key + "\"") && e.getMessage().contains(bad.get(key)),
          e.getMessage());
    }
    assertTrue(assertThrows(ConfigurationException.class, () -> apply(Map.of("size", "0"))).getMessage()
        .endsWith("size must be >= 1"));
  }

  @Test
  void prefixedKeys_acceptAFamily_applyEachInOrder_andNameTheFullKeyOnErrors() {
    Map<String, String> raw = new java.util.LinkedHashMap<>();
    raw.put("entity.users", " com.example.User ");
    raw.put("strict", "true");
    raw.put("entity.orders", "com.example.Order");
    PluginOptions p = PluginOptions.parse("demo", raw, "strict", "entity.<table>");
    Map<String, String> out = p.prefixed(new java.util.LinkedHashMap<>(), "entity.", (t, rest, v) -> {
      t.put(rest, v);
      return t;
    });
    assertEquals(Map.of("users", "com.example.User", "orders", "com.example.Order"), out);
    assertEquals(List.of("users", "orders"), List.copyOf(out.keySet()));

    ConfigurationException bare = assertThrows(ConfigurationException.class,
        () -> PluginOptions.parse("demo", Map.of("entity.", "x"), "entity.<table>"));
    assertTrue(bare.getMessage().contains("unknown option \"entity.\"")
        && bare.getMessage().contains("entity.<table>"), bare.getMessage());
    ConfigurationException other = assertThrows(ConfigurationException.class,
        () -> PluginOptions.parse("demo", Map.of("entities.users", "x"), "entity.<table>"));
    assertTrue(other.getMessage().contains("\"entities.users\""), other.getMessage());

    ConfigurationException refused = assertThrows(ConfigurationException.class,
        () -> PluginOptions.parse("demo", Map.of("entity.users", "nope"), "entity.<table>")
            .prefixed("", "entity.", (t, rest, v) -> {
              throw new IllegalArgumentException("class nope cannot be loaded");
            }));
    assertEquals("demo plugin: invalid value \"nope\" for option \"entity.users\": class nope cannot be loaded",
        refused.getMessage());
  }
}
