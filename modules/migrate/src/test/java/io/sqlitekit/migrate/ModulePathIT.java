package io.sqlitekit.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real named application module, started with {@code java --module-path ... -m}, that requires
 * io.sqlitekit.migrate, gets its driver through ServiceLoader only, and keeps its migrations in an encapsulated
 * resource folder of its own JAR (no {@code opens}).
 */
final class ModulePathIT {
  @TempDir
  Path tmp;

  private static String jar(String key) {
    String path = System.getProperty(key);
    assertTrue(path != null && path.endsWith(".jar") && Files.isRegularFile(Path.of(path)),
        key + " points at a built jar: " + path);
    return path;
  }

  @Test
  void namedAppModuleWithEncapsulatedMigrations() throws Exception {
    List<String> libraries = List.of(jar("sqlitekit.test.migrate.jar"), jar("sqlitekit.test.spi.jar"), jar("sqlitekit.test.support.jar"),
        jar("sqlitekit.test.maintenance.jar"),
        jar("sqlitekit.test.driver.jar"), jar("sqlitekit.test.sqlitejdbc.jar"), jar("sqlitekit.test.slf4j.jar"),
        jar("sqlitekit.test.slf4jnop.jar"));
    Path src = tmp.resolve("src");
    Files.createDirectories(src.resolve("app"));
    Files.writeString(src.resolve("module-info.java"),
        "module fixture.app { requires io.sqlitekit.migrate; }");
    Files.writeString(src.resolve("app/Main.java"), String.join("\n",
        "package app;",
        "import io.sqlitekit.migrate.*;",
        "public final class Main {",
        "  public static void main(String[] args) {",
        "    try (Migrator m = Migrator.create(args[0],",
        "        MigrationSource.classpath(\"db/migration\", Main.class.getModule()))) {",
        "      System.out.println(\"applied \" + m.up());",
        "      System.out.println(\"again \" + m.up());",
        "      System.out.println(\"module \" + Migrator.class.getModule().getName());",
        "    }",
        "  }",
        "}"));
    Path classes = tmp.resolve("classes");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(log, true, StandardCharsets.UTF_8);
    int rc = ToolProvider.findFirst("javac").orElseThrow().run(ps, ps, "--release", "17", "-d", classes.toString(),
        "--module-path", String.join(File.pathSeparator, libraries),
        src.resolve("module-info.java").toString(), src.resolve("app/Main.java").toString());
    assertEquals(0, rc, log.toString(StandardCharsets.UTF_8));
    Path appJar = tmp.resolve("fixture-app.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(appJar))) {
      for (String cls : List.of("module-info.class", "app/Main.class")) {
        out.putNextEntry(new JarEntry(cls));
        out.write(Files.readAllBytes(classes.resolve(cls)));
        out.closeEntry();
      }
      String[][] files = {{"V1__users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);"},
          {"V2__posts.sql", "CREATE TABLE posts (id INTEGER PRIMARY KEY);"},
          {"V10__tags.sql", "CREATE TABLE tags (id INTEGER PRIMARY KEY);"}};
      for (String[] f : files) {
        out.putNextEntry(new JarEntry("db/migration/" + f[0]));
        out.write(f[1].getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    List<String> modulePath = new ArrayList<>(libraries);
    modulePath.add(0, appJar.toString());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "--enable-native-access=org.xerial.sqlitejdbc", "--module-path",
        String.join(File.pathSeparator, modulePath), "-m", "fixture.app/app.Main",
        "jdbc:sqlite:" + tmp.resolve("app.db")).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), output);
    assertTrue(output.contains("applied [V1__users, V2__posts, V10__tags]"), output);
    assertTrue(output.contains("again []"), output);
    assertTrue(output.contains("module io.sqlitekit.migrate"), "ran as a named module: " + output);
  }

}
