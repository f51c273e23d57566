package io.sqlitekit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CLI runner's report and exit codes; output is captured so it never reaches the build log. */
final class TckRunnerTest {

  private static String[] run(List<String> args) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int code = TckRunner.run(args, new PrintStream(buf, true, StandardCharsets.UTF_8));
    return new String[] {String.valueOf(code), buf.toString(StandardCharsets.UTF_8)};
  }

  private static String lastLine(String text) {
    String[] lines = text.strip().split("\\R");
    return lines[lines.length - 1];
  }

  @Test
  void correctHarness_certified_exitZero() {
    String[] r = run(List.of("--harness", "fake"));
    assertEquals("0", r[0], r[1]);
    assertTrue(r[1].contains("Harness fake"), r[1]);
    assertTrue(r[1].contains("CrudContractTest"), r[1]);
    assertTrue(r[1].contains("-> CERTIFIED"), r[1]);
    // 13 absent sides and the raw filter, plus the 21 aggregate-v2, the 10 lookup, the 24 optional-operation
    // and the 6 view scenarios the fake does not implement, and the 10 aggregate-lookup ones.
    assertTrue(lastLine(r[1]).matches("\\d+ passed, 0 failed, 84 skipped"), lastLine(r[1]));
  }

  @Test
  void brokenHarness_listsFailures_exitOne() {
    String[] r = run(List.of("--harness", "broken-delete-miss"));
    assertEquals("1", r[0], r[1]);
    assertTrue(r[1].contains("FAILED CrudContractTest#delete_miss_isFalseNotAnException [broken-delete-miss]"),
        r[1]);
    assertTrue(r[1].contains("NOT CERTIFIED"), r[1]);
    assertTrue(lastLine(r[1]).matches("\\d+ passed, 2 failed, 84 skipped"), lastLine(r[1]));
  }

  @Test
  void suppressions_arePrinted() {
    String[] r = run(List.of("--harness=broken-ne-null-suppressed"));
    assertEquals("0", r[0], r[1]);
    assertTrue(r[1].contains("FilterContractTest#parity50_ne_excludesNull: known: ne matches NULL"), r[1]);
  }

  @Test
  void list_printsHarnessesAndFeatures() {
    String[] r = run(List.of("--list"));
    assertEquals("0", r[0]);
    assertTrue(r[1].contains("fake-minimal  []"), r[1]);
    assertTrue(r[1].contains("fake  [TRANSACTIONS"), r[1]);
  }

  @Test
  void badUsage_exitTwo() {
    assertEquals("2", run(List.of("--bogus"))[0]);
    String[] r = run(List.of("--harness", "nope"));
    assertEquals("2", r[0]);
    assertTrue(r[1].contains("unknown harness \"nope\""), r[1]);
  }
}
