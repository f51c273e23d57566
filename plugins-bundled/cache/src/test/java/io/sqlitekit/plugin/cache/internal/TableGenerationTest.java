package io.sqlitekit.plugin.cache.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TableGenerationTest {
  @Test
  void write_bumpsOnBeginAndEnd_andIsInFlightBetween() {
    TableGeneration g = new TableGeneration();
    long g0 = g.current();
    assertTrue(g.quiet());
    g.beginWrite();
    long g1 = g.current();
    assertNotEquals(g0, g1);
    assertFalse(g.quiet());
    g.endWrite();
    assertNotEquals(g1, g.current());
    assertTrue(g.quiet());
  }

  @Test
  void overlappingWrites_stayInFlightUntilTheLastEnds() {
    TableGeneration g = new TableGeneration();
    g.beginWrite();
    g.beginWrite();
    g.endWrite();
    assertFalse(g.quiet());
    g.endWrite();
    assertTrue(g.quiet());
  }

  @Test
  void namespaces_areDistinctPerDatabaseAndTable() {
    assertNotEquals(ReadThroughCache.namespace(1, "ab"), ReadThroughCache.namespace(1, "a"));
    assertNotEquals(ReadThroughCache.namespace(1, "users"), ReadThroughCache.namespace(2, "users"));
    // No namespace may be a prefix of another's generation section.
    assertFalse((ReadThroughCache.namespace(1, "a") + "g").startsWith(ReadThroughCache.namespace(1, "ab")));
    assertFalse((ReadThroughCache.namespace(11, "a") + "g").startsWith(ReadThroughCache.namespace(1, "a") + "g"));
  }
}
