package io.sqlitekit.sample.tckcertify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Certifies {@link MeteredRepo} from the command line: {@code java -cp … io.sqlitekit.tck.TckRunner} in a fresh
 * JVM, which finds {@link MeteredHarness} through {@code ServiceLoader} and prints the certification report.
 */
class TckCertifyIT {
  @Test
  void tckRunnerCertifiesTheMeteredRepository() throws Exception {
    String classPath = System.getProperty("tck.classes") + File.pathSeparator
        + Files.readString(Path.of(System.getProperty("tck.classpath.file"))).strip();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(List.of(java, "-cp", classPath, "io.sqlitekit.tck.TckRunner",
        "--harness", "metered-memory")).redirectErrorStream(true).start();
    String report = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "TckRunner did not finish");
    assertEquals(0, p.exitValue(), report);
    assertTrue(report.contains("Harness metered-memory  capabilities "), report);
    Matcher verdict = Pattern.compile("metered-memory: (\\d+) passed, 0 failed, (\\d+) skipped -> CERTIFIED")
        .matcher(report);
    assertTrue(verdict.find(), report);
    // The whole suite ran, not an empty selection: the memory kit's own certification passes 104 scenarios.
    assertTrue(Integer.parseInt(verdict.group(1)) >= 100, report);
    assertTrue(report.contains("CrudContractTest"), report);
  }
}
