package io.sqlitekit.json.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The descriptor exports only the API, and on the module path ServiceLoader finds the codec. */
final class ModulePathTest {
  private static final String NAME = "io.sqlitekit.json.jackson";

  @Test
  void descriptor_exportsTheApiAndProvidesTheCodec() throws Exception {
    ModuleDescriptor d = ModuleFinder.of(Path.of("target/classes")).find(NAME).orElseThrow().descriptor();
    assertEquals(Set.of(NAME), d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
    assertTrue(d.opens().isEmpty());
    assertEquals(List.of(JacksonJsonCodec.class.getName()), d.provides().iterator().next().providers());
  }

  @Test
  void serviceLoader_findsTheCodecInAModuleLayer() throws Exception {
    List<Path> modules = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry);
      boolean modularDir = Files.isDirectory(p) && Files.exists(p.resolve("module-info.class"));
      boolean wanted = entry.contains("jackson") || entry.contains("sqlitekit") || entry.contains("/spi/")
          || entry.contains("/support/") || entry.contains("json-jackson");
      if (wanted && (modularDir || (entry.endsWith(".jar") && !entry.contains("test-classes")))) {
        modules.add(p);
      }
    }
    ModuleFinder finder = ModuleFinder.of(modules.toArray(new Path[0]));
    Configuration cf = ModuleLayer.boot().configuration().resolveAndBind(finder, ModuleFinder.of(), Set.of(NAME));
    ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
    Class<?> service = layer.findLoader("io.sqlitekit.spi").loadClass("io.sqlitekit.spi.json.JsonCodec");
    Iterator<?> found = ServiceLoader.load(layer, service).iterator();
    assertTrue(found.hasNext(), "no JsonCodec provider in the layer");
    Object codec = found.next();
    assertEquals(NAME, codec.getClass().getModule().getName(), "loaded as a named module");
    Method read = service.getMethod("read", String.class, Type.class);
    Method write = service.getMethod("write", Object.class);
    Object value = read.invoke(codec, "{\"a\":[1,2.5,\"é\"]}", Object.class);
    assertEquals("{\"a\":[1,2.5,\"é\"]}", write.invoke(codec, value));
  }
}
