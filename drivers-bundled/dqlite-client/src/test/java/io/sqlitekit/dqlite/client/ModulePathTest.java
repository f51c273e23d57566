package io.sqlitekit.dqlite.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The client as a named module on a module path: a layer built from {@code target/classes} alone (it
 * needs nothing but java.base) resolves, exports only its API package, and really talks to a node.
 */
final class ModulePathTest {
  @Test
  void module_resolvesAlone_andQueriesANode() throws Exception {
    Configuration cf = ModuleLayer.boot().configuration().resolve(
        ModuleFinder.of(Path.of("target/classes")), ModuleFinder.of(), Set.of("io.sqlitekit.dqlite.client"));
    ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
    Module module = layer.findModule("io.sqlitekit.dqlite.client").orElseThrow();
    assertTrue(module.isExported("io.sqlitekit.dqlite.client"));
    assertFalse(module.isExported("io.sqlitekit.dqlite.client.internal"));

    ClassLoader loader = layer.findLoader("io.sqlitekit.dqlite.client");
    Class<?> clientType = loader.loadClass("io.sqlitekit.dqlite.client.DqliteClient");
    assertEquals(module, clientType.getModule(), "loaded from the module path, not the class path");
    try (FakeDqliteServer server = new FakeDqliteServer()) {
      Object builder = clientType.getMethod("builder").invoke(null);
      builder.getClass().getMethod("nodes", List.class).invoke(builder, List.of(server.address));
      Object client = builder.getClass().getMethod("build").invoke(builder);
      Object conn = clientType.getMethod("connect", String.class).invoke(client, "app");
      Class<?> connType = conn.getClass();
      try {
        Object rows = connType.getMethod("query", String.class, Object[].class)
            .invoke(conn, "SELECT ?", new Object[] {"module path"});
        Method next = rows.getClass().getMethod("next");
        assertEquals(true, next.invoke(rows));
        assertEquals("module path", rows.getClass().getMethod("getString", int.class).invoke(rows, 0));
        rows.getClass().getMethod("close").invoke(rows);
      } finally {
        connType.getMethod("close").invoke(conn);
      }
    }
  }
}
