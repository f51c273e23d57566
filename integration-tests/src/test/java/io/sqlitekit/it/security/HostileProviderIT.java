package io.sqlitekit.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A jar placed first on the class path or the module path that claims the {@code multi-tenant} plugin name and
 * a second {@code jdbc:sqlite:} driver must not switch tenant isolation off or take over the database: the kit
 * refuses to build and names the providers involved. Runs a real child JVM each way, with the hostile jar built
 * here by the JDK's compiler.
 */
final class HostileProviderIT {
  @TempDir
  static Path dir;

  private static Path hostileJar;

  private static final String PLUGIN = String.join("\n",
      "package evil;",
      "public final class FakeTenantProvider implements io.sqlitekit.spi.plugin.PluginProvider {",
      "  public String name() { return \"multi-tenant\"; }",
      "  public io.sqlitekit.spi.plugin.RepositoryPlugin create(java.util.Map<String, String> o) {",
      "    return new io.sqlitekit.spi.plugin.RepositoryPlugin() {",
      "      public String name() { return \"multi-tenant\"; }",
      "    };",
      "  }",
      "}");

  private static final String DRIVER = String.join("\n",
      "package evil;",
      "public final class FakeSqliteDriverProvider implements io.sqlitekit.spi.driver.DriverProvider {",
      "  public String name() { return \"evil-sqlite\"; }",
      "  public boolean accepts(String url) { return url.startsWith(\"jdbc:sqlite:\"); }",
      "  public io.sqlitekit.spi.driver.SqliteDriver open(String url, io.sqlitekit.spi.driver.DriverOptions o) {",
      "    throw new IllegalStateException(\"the hostile driver was opened\");",
      "  }",
      "}");

  private static final String MODULE_INFO = String.join("\n",
      "module evil.providers {",
      "  requires io.sqlitekit.spi;",
      "  provides io.sqlitekit.spi.plugin.PluginProvider with evil.FakeTenantProvider;",
      "  provides io.sqlitekit.spi.driver.DriverProvider with evil.FakeSqliteDriverProvider;",
      "}");

  /** The child: builds a kit with multi-tenant by name and prints the outcome. */
  private static final String MAIN = String.join("\n",
      "public final class BuildKit {",
      "  public static void main(String[] args) {",
      "    try (var kit = io.sqlitekit.core.SqliteKit.builder().url(\"jdbc:sqlite:\" + args[0])",
      "        .plugins(\"multi-tenant\").build()) {",
      "      System.out.println(\"BUILT \" + kit.pluginNames());",
      "    } catch (io.sqlitekit.spi.error.ConfigurationException e) {",
      "      System.out.println(\"REFUSED \" + e.getMessage());",
      "    }",
      "  }",
      "}");

  @BeforeAll
  static void buildHostileJar() throws IOException {
    Path src = dir.resolve("src");
    Files.createDirectories(src.resolve("evil"));
    Files.writeString(src.resolve("evil/FakeTenantProvider.java"), PLUGIN);
    Files.writeString(src.resolve("evil/FakeSqliteDriverProvider.java"), DRIVER);
    Files.writeString(src.resolve("module-info.java"), MODULE_INFO);
    Path classes = dir.resolve("classes");
    compile(classes, List.of("--module-path", libraries("sqlitekit-spi")),
        src.resolve("module-info.java"), src.resolve("evil/FakeTenantProvider.java"),
        src.resolve("evil/FakeSqliteDriverProvider.java"));
    Path main = dir.resolve("main");
    Files.createDirectories(main);
    Files.writeString(main.resolve("BuildKit.java"), MAIN);
    compile(main, List.of("-cp", System.getProperty("java.class.path")), main.resolve("BuildKit.java"));
    hostileJar = dir.resolve("evil-providers.jar");
    try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(hostileJar))) {
      for (String name : List.of("module-info.class", "evil/FakeTenantProvider.class",
          "evil/FakeSqliteDriverProvider.class")) {
        jar.putNextEntry(new JarEntry(name));
        jar.write(Files.readAllBytes(classes.resolve(name)));
        jar.closeEntry();
      }
      jar.putNextEntry(new JarEntry("META-INF/services/io.sqlitekit.spi.plugin.PluginProvider"));
      jar.write("evil.FakeTenantProvider\n".getBytes(StandardCharsets.UTF_8));
      jar.closeEntry();
      jar.putNextEntry(new JarEntry("META-INF/services/io.sqlitekit.spi.driver.DriverProvider"));
      jar.write("evil.FakeSqliteDriverProvider\n".getBytes(StandardCharsets.UTF_8));
      jar.closeEntry();
    }
  }

  private static void compile(Path out, List<String> options, Path... sources) throws IOException {
    Files.createDirectories(out);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>(List.of("--release", "17", "-d", out.toString()));
    args.addAll(options);
    for (Path s : sources) {
      args.add(s.toString());
    }
    assertEquals(0, javac.run(null, null, null, args.toArray(new String[0])), "javac " + args);
  }

  /** Test class-path entries whose file names start with one of the prefixes, joined as a path. */
  private static String libraries(String... prefixes) {
    List<String> out = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String n = Path.of(e).getFileName().toString();
      for (String p : prefixes) {
        if (n.startsWith(p) && n.endsWith(".jar")) {
          out.add(e);
        }
      }
    }
    return String.join(File.pathSeparator, out);
  }

  private static String run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child finished");
    String text = new String(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), text);
    return text;
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static void assertRefusedNamingBoth(String output) {
    assertTrue(output.contains("REFUSED "), output);
    System.out.println("hostile provider jar: " + output.strip());
    // Whichever ambiguity is met first is reported with every provider involved and where it comes from.
    boolean plugin = output.contains("evil.FakeTenantProvider") && output.contains("\"multi-tenant\"");
    boolean driver = output.contains("evil.FakeSqliteDriverProvider")
        && output.contains("io.sqlitekit.driver.xerial.internal.XerialDriverProvider");
    assertTrue(plugin || driver, output);
    assertTrue(output.contains("evil-providers.jar") || output.contains("module evil.providers"), output);
  }

  @Test
  void firstOnTheClassPath() throws Exception {
    String cp = hostileJar + File.pathSeparator + dir.resolve("main") + File.pathSeparator
        + System.getProperty("java.class.path");
    String out = run(List.of(java(), "--enable-native-access=ALL-UNNAMED", "-cp", cp, "BuildKit",
        dir.resolve("cp.db").toString()));
    assertRefusedNamingBoth(out);
  }

  @Test
  void onTheModulePath() throws Exception {
    String modulePath = hostileJar + File.pathSeparator + libraries("sqlitekit-spi", "sqlitekit-support",
        "sqlitekit-core", "sqlitekit-driver-xerial", "sqlitekit-plugin-multi-tenant", "sqlite-jdbc", "slf4j-api",
        "slf4j-nop");
    String out = run(List.of(java(), "--enable-native-access=ALL-UNNAMED,org.xerial.sqlitejdbc",
        "--module-path", modulePath, "--add-modules", "ALL-MODULE-PATH", "-cp", dir.resolve("main").toString(),
        "BuildKit", dir.resolve("mp.db").toString()));
    assertRefusedNamingBoth(out);
  }

  @Test
  void withoutTheHostileJarTheKitBuilds() throws Exception {
    String cp = dir.resolve("main") + File.pathSeparator + System.getProperty("java.class.path");
    String out = run(List.of(java(), "--enable-native-access=ALL-UNNAMED", "-cp", cp, "BuildKit",
        dir.resolve("ok.db").toString()));
    assertTrue(out.contains("BUILT [multi-tenant]"), out);
  }
}
