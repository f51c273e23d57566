package io.sqlitekit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the CLI runner as a real named module ({@code java -p … -m io.sqlitekit.tck/…}) in a child JVM, with
 * the fake harnesses on the class path, and checks the report and exit code.
 */
final class TckRunnerModulePathIT {

  private static String location(Class<?> c) throws URISyntaxException {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  private static List<String> runnerCommand(String... args) throws URISyntaxException {
    Set<String> modulePath = new LinkedHashSet<>();
    modulePath.add(Path.of("target/classes").toAbsolutePath().toString());
    for (Class<?> c : List.of(io.sqlitekit.spi.StandardRepo.class, org.junit.jupiter.api.Test.class,
        org.junit.platform.commons.support.ReflectionSupport.class, org.junit.platform.engine.TestEngine.class,
        org.junit.platform.launcher.Launcher.class, org.junit.jupiter.engine.JupiterTestEngine.class,
        org.opentest4j.AssertionFailedError.class, org.apiguardian.api.API.class)) {
      modulePath.add(location(c));
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(java, "-p", String.join(File.pathSeparator, modulePath),
        "-cp", Path.of("target/test-classes").toAbsolutePath().toString(),
        "-m", "io.sqlitekit.tck/io.sqlitekit.tck.TckRunner"));
    cmd.addAll(List.of(args));
    return cmd;
  }

  private static String[] exec(String... args) throws Exception {
    Process p = new ProcessBuilder(runnerCommand(args)).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "runner finished");
    return new String[] {String.valueOf(p.exitValue()), new String(out, StandardCharsets.UTF_8)};
  }

  @Test
  void modulePath_certifiesTheCorrectFake() throws Exception {
    String[] r = exec("--harness", "fake");
    assertEquals("0", r[0], r[1]);
    assertTrue(r[1].matches("(?s).*fake: \\d+ passed, 0 failed, 84 skipped -> CERTIFIED.*"), r[1]);
  }

  @Test
  void modulePath_brokenFake_exitOne() throws Exception {
    String[] r = exec("--harness", "broken-in-empty");
    assertEquals("1", r[0], r[1]);
    assertTrue(r[1].contains("FAILED FilterContractTest#parity47_inEmpty_matchesNothing"), r[1]);
  }
}
