package io.sqlitekit.sample.modular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds an application folder (app jar, {@code lib/}, {@code plugins.conf}) from the jars Maven collected and
 * runs it in fresh JVMs with {@code java --module-path lib:app.jar -m …}: first with one plugin, then after
 * dropping a second plugin's jar into {@code lib/} and adding one config line, then with a listed plugin's jar
 * missing.
 */
class ModularAppIT {
  private static final String MODULE = "io.sqlitekit.sample.modular/io.sqlitekit.sample.modular.ModularApp";

  private record Result(int exit, String out) {
  }

  @Test
  void pluginsComeFromTheLibFolderAndAreEnabledByConfig(@TempDir Path app) throws Exception {
    Path built = Path.of(System.getProperty("modular.lib"));
    Path softDeleteJar = jar(built, "sqlitekit-plugin-soft-delete-");
    Path lib = Files.createDirectories(app.resolve("lib"));
    try (Stream<Path> jars = Files.list(built)) {
      for (Path jar : jars.filter(j -> !j.equals(softDeleteJar)).collect(Collectors.toList())) {
        Files.copy(jar, lib.resolve(jar.getFileName()));
      }
    }
    Files.copy(Path.of(System.getProperty("modular.jar")), app.resolve("app.jar"));
    Path conf = Files.writeString(app.resolve("plugins.conf"), "# enabled plugins\ntimestamp\n");

    Result one = run(app, "one.db");
    assertEquals(0, one.exit, one.out);
    assertTrue(one.out.contains("enabled plugins: [timestamp]"), one.out);
    assertTrue(one.out.contains("createdAt stamped: true"), one.out);
    assertTrue(one.out.contains("deleted: true"), one.out);
    assertTrue(one.out.contains("stored after delete: 0 marked deleted, 0 in total"), one.out);

    // Adding a plugin: its jar into lib/ and its name into the config file.
    Files.copy(softDeleteJar, lib.resolve(softDeleteJar.getFileName()));
    Files.writeString(conf, "soft-delete\n", StandardOpenOption.APPEND);
    Result two = run(app, "two.db");
    assertEquals(0, two.exit, two.out);
    assertTrue(two.out.contains("enabled plugins: [timestamp, soft-delete]"), two.out);
    assertTrue(two.out.contains("visible after delete: 0"), two.out);
    assertTrue(two.out.contains("stored after delete: 1 marked deleted, 1 in total"), two.out);
    assertFalse(two.out.contains("WARNING"), two.out);

    // A listed plugin whose jar is gone: the run stops before touching the database and says what to do.
    Files.delete(jar(lib, "sqlitekit-plugin-timestamp-"));
    Result three = run(app, "three.db");
    assertEquals(2, three.exit, three.out);
    assertTrue(three.out.contains("sqlitekit: unknown plugin \"timestamp\": no provider of that name is on the"
        + " module path or class path (available plugins: [soft-delete]); add the jar sqlitekit-plugin-timestamp"
        + " (module io.sqlitekit.plugin.timestamp), or remove \"timestamp\" from the enabled plugins"), three.out);
    assertFalse(Files.exists(app.resolve("three.db")), "nothing may be created when the configuration fails");
  }

  private static Path jar(Path dir, String prefix) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
          .orElseThrow(() -> new AssertionError("no " + prefix + "*.jar in " + dir));
    }
  }

  private static Result run(Path app, String db) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(List.of(java, "--enable-native-access=org.xerial.sqlitejdbc",
        "--module-path", "lib" + File.pathSeparator + "app.jar", "-m", MODULE, "plugins.conf", db))
        .directory(app.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "sample did not finish");
    return new Result(p.exitValue(), out);
  }
}
