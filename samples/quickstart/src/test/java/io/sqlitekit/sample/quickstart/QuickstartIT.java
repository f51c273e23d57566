package io.sqlitekit.sample.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
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
 * Launches the packaged sample in a fresh JVM, as a named module and on the plain class path. The module
 * run proves the driver arrives through ServiceLoader's module path; the class-path run proves the
 * META-INF/services registrations.
 */
class QuickstartIT {
  private static final String MAIN = "io.sqlitekit.sample.quickstart.Quickstart";

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String jars() throws IOException {
    Path modules = Path.of(System.getProperty("quickstart.modules"));
    try (Stream<Path> s = Files.list(modules)) {
      List<String> all = new ArrayList<>();
      all.add(System.getProperty("quickstart.jar"));
      all.addAll(s.map(Path::toString).sorted().collect(Collectors.toList()));
      return String.join(File.pathSeparator, all);
    }
  }

  private static String run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "sample did not finish");
    assertEquals(0, p.exitValue(), output);
    return output;
  }

  private static void assertSampleOutput(String out) {
    assertTrue(out.contains("inserted 5 users"), out);
    assertTrue(out.contains("active adults: [Alice, Dave]"), out);
    assertTrue(out.contains("age unknown:   [Erin]"), out);
    assertTrue(out.contains("page 1/3 of 5: [Erin, Dave] (hasNext=true)"), out);
    assertTrue(out.contains("by age, keyset: [Erin, Bob] then [Alice, Carol]"), out);
    assertTrue(out.contains("updated: Bobby is now 18"), out);
    assertTrue(out.contains("rolled back: duplicate_key (409) - Alice still active: true"), out);
    assertFalse(out.contains("WARNING"), "no JVM or logging warnings expected:\n" + out);
  }

  @Test
  void modulePath_holdsOneVersionOfEachArtifact() throws IOException {
    // The build empties target/modules before collecting into it; a jar left by an older build of a reused
    // checkout would put two versions of one module on the README's module path and stop the JVM.
    try (Stream<Path> s = Files.list(Path.of(System.getProperty("quickstart.modules")))) {
      List<String> artifacts = s
          .map(p -> p.getFileName().toString().replaceFirst("-\\d[^-]*(-SNAPSHOT)?\\.jar$", ""))
          .sorted().collect(Collectors.toList());
      assertFalse(artifacts.isEmpty(), "target/modules is empty");
      assertEquals(artifacts.stream().distinct().collect(Collectors.toList()), artifacts,
          "one jar per artifact in target/modules");
    }
  }

  @Test
  void runsAsANamedModuleWithTheDriverFoundByServiceLoader(@TempDir Path dir) throws Exception {
    String db = dir.resolve("qs.db").toString();
    String out = run(List.of(java(), "--enable-native-access=org.xerial.sqlitejdbc", "--module-path", jars(),
        "--module", "io.sqlitekit.sample.quickstart/" + MAIN, db));
    assertSampleOutput(out);
    // Re-running on the same file is idempotent.
    assertSampleOutput(run(List.of(java(), "--enable-native-access=org.xerial.sqlitejdbc", "--module-path", jars(),
        "--module", "io.sqlitekit.sample.quickstart/" + MAIN, db)));
  }

  @Test
  void runsOnThePlainClassPath(@TempDir Path dir) throws Exception {
    String out = run(List.of(java(), "--enable-native-access=ALL-UNNAMED", "-cp", jars(), MAIN,
        dir.resolve("qs.db").toString()));
    assertSampleOutput(out);
  }
}
