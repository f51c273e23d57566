package io.sqlitekit.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles the Java code blocks of the module README, so the documented example cannot rot. */
class ReadmeExampleTest {
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

  @Test
  void readmeJavaBlocksCompile(@TempDir Path dir) throws IOException, InterruptedException {
    String readme = Files.readString(Path.of("README.md"));
    List<String> blocks = new ArrayList<>();
    Matcher m = JAVA_BLOCK.matcher(readme);
    while (m.find()) {
      blocks.add(m.group(1));
    }
    assertEquals(3, blocks.size(), "README java blocks");

    String options = "import io.sqlitekit.query.*;\n"
        + "final class OptionsSnippet {\n  static Object build() {\n" + blocks.get(0)
        + "    return parser;\n  }\n}\n";
    Path optionsFile = dir.resolve("OptionsSnippet.java");
    Files.writeString(optionsFile, options);
    Path endpointFile = dir.resolve("UserEndpoints.java");
    assertTrue(blocks.get(1).contains("public final class UserEndpoints"));
    Files.writeString(endpointFile, blocks.get(1));

    Path schemasFile = dir.resolve("SchemasSnippet.java");
    Files.writeString(schemasFile, "import io.sqlitekit.query.*;\nimport io.sqlitekit.spi.StandardRepo;\n"
        + "import io.sqlitekit.spi.table.TableDef;\nimport java.util.Map;\nfinal class SchemasSnippet {\n"
        + "  static void run(TableDef ITEMS, Map<String, Object> decodedJsonBody,\n"
        + "      StandardRepo<Map<String, Object>, Object> items) {\n" + blocks.get(2) + "  }\n}\n");

    // javac runs as a process: the test classes are patched into the named module, which does not read
    // java.compiler, and the README must compile exactly as a user's class-path code would.
    Path javac = Path.of(System.getProperty("java.home"), "bin", "javac");
    assertTrue(Files.isExecutable(javac), "tests need a JDK: " + javac);
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process p = new ProcessBuilder(javac.toString(), "--release", "17", "-Xlint:all", "-Werror", "-classpath",
        classPath, "-d", dir.resolve("out").toString(), optionsFile.toString(), endpointFile.toString(),
        schemasFile.toString())
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), output);
    assertTrue(Files.isRegularFile(dir.resolve("out/UserEndpoints.class")), output);
  }
}
