package io.sqlitekit.d1.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.testsupport.FakeD1Server;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The client as a named module on a module path: a layer built from {@code target/classes} alone (it
 * needs only JDK modules) resolves, exports only its API package, and really talks to a (fake) D1.
 */
final class ModulePathTest {
  @Test
  void module_resolvesAlone_andQueries() throws Exception {
    Configuration cf = ModuleLayer.boot().configuration().resolve(
        ModuleFinder.of(Path.of("target/classes")), ModuleFinder.of(), Set.of("io.sqlitekit.d1.client"));
    ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
    Module module = layer.findModule("io.sqlitekit.d1.client").orElseThrow();
    assertTrue(module.isExported("io.sqlitekit.d1.client"));
    assertFalse(module.isExported("io.sqlitekit.d1.client.internal"));

    Class<?> clientType = layer.findLoader("io.sqlitekit.d1.client").loadClass("io.sqlitekit.d1.client.D1Client");
    assertEquals(module, clientType.getModule(), "loaded from the module path, not the class path");
    try (FakeD1Server server = new FakeD1Server()) {
      server.reply(FakeD1Server.Reply.json(200, FakeD1Server.raw(List.of("v"), List.of(List.of("\"module path\"")),
          0)));
      Object client = clientType.getMethod("open", String.class)
          .invoke(null, "d1+http://127.0.0.1:" + server.port() + "/" + D1ClientTest.DB);
      try {
        Object result = clientType.getMethod("execute", String.class, Object[].class)
            .invoke(client, "SELECT ?", new Object[] {"module path"});
        List<?> rows = (List<?>) result.getClass().getMethod("rows").invoke(result);
        Object row = rows.get(0);
        assertEquals("module path", row.getClass().getMethod("getString", int.class).invoke(row, 0));
      } finally {
        clientType.getMethod("close").invoke(client);
      }
      assertEquals("{\"sql\":\"SELECT ?1\",\"params\":[\"module path\"]}", server.requests().get(0).body());
    }
  }
}
