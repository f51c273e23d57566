package io.sqlitekit.sample.slug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.sample.slugdemo.SlugDemo;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link SlugDemo} in fresh JVMs: with the plugin jar and the kit's jars on the module path (the plugin is
 * found through its {@code provides}) and on the class path (through {@code META-INF/services}).
 */
class SlugPluginIT {
  private static String path(boolean withTestClasses) throws Exception {
    List<String> entries = new ArrayList<>();
    entries.add(System.getProperty("slug.jar"));
    try (Stream<Path> jars = Files.list(Path.of(System.getProperty("slug.lib")))) {
      entries.addAll(jars.map(Path::toString).sorted().collect(Collectors.toList()));
    }
    if (withTestClasses) {
      entries.add(System.getProperty("slug.testClasses"));
    }
    return String.join(File.pathSeparator, entries);
  }

  private static String run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "demo did not finish");
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  @Test
  void foundOnTheModulePath(@TempDir Path dir) throws Exception {
    String out = run(List.of(java(), "--enable-native-access=org.xerial.sqlitejdbc", "--module-path", path(false),
        "--add-modules", "ALL-MODULE-PATH", "-cp", System.getProperty("slug.testClasses"),
        SlugDemo.class.getName(), dir.resolve("m.db").toString()));
    assertTrue(out.contains("slug: hello-world"), out);
    assertTrue(out.contains("provider module: io.sqlitekit.sample.slug"), out);
  }

  @Test
  void foundOnTheClassPath(@TempDir Path dir) throws Exception {
    String out = run(List.of(java(), "--enable-native-access=ALL-UNNAMED", "-cp", path(true),
        SlugDemo.class.getName(), dir.resolve("c.db").toString()));
    assertTrue(out.contains("slug: hello-world"), out);
    assertTrue(out.contains("provider module: null"), out);
  }
}
