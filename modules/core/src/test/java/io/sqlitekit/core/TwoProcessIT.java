package io.sqlitekit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs increment the same rows of one WAL file concurrently, each retrying transient conflicts with a
 * {@link RetryPolicy} under a deliberately short busy_timeout; the final values equal the sum of what each
 * process had acknowledged, and transactional pairs (row + total) never half-apply.
 */
class TwoProcessIT {
  private static final int OPS = 5_000;

  @TempDir
  Path dir;

  private static final class Child {
    final Process process;
    final BufferedReader out;
    final Path err;

    Child(Process process, Path err) {
      this.process = process;
      this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      this.err = err;
    }

    String line() throws IOException {
      String l = out.readLine();
      assertNotNull(l, () -> "child ended early; stderr: " + stderr());
      return l;
    }

    String stderr() {
      try {
        return Files.readString(err);
      } catch (IOException e) {
        return e.toString();
      }
    }
  }

  private Child start(String url, Path go, String name) throws IOException {
    Path err = dir.resolve(name + ".err");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(TwoProcessChild.class.getName());
    cmd.add(url);
    cmd.add(go.toString());
    cmd.add(Integer.toString(OPS));
    cmd.add("20");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
    return new Child(pb.start(), err);
  }

  private static Map<String, Long> parse(String acks) {
    assertTrue(acks.startsWith("ACKS "), acks);
    Map<String, Long> m = new LinkedHashMap<>();
    for (String kv : acks.substring(5).split(" ")) {
      int eq = kv.indexOf('=');
      m.put(kv.substring(0, eq), Long.parseLong(kv.substring(eq + 1)));
    }
    return m;
  }

  @Test
  void twoProcessesIncrementSharedRowsWithoutLosingAcknowledgedWrites() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("shared.db");
    try (SqliteKit kit = SqliteKit.builder().url(url).build()) {
      kit.createTable(TwoProcessChild.COUNTERS);
      var counters = kit.documents(TwoProcessChild.COUNTERS);
      for (int r = 0; r < TwoProcessChild.ROWS; r++) {
        counters.create(new HashMap<>(Map.of("id", "r" + r)));
      }
      counters.create(new HashMap<>(Map.of("id", "total")));
    }
    Path go = dir.resolve("go");
    List<Child> children = new ArrayList<>();
    try {
      children.add(start(url, go, "a"));
      children.add(start(url, go, "b"));
      for (Child c : children) {
        assertEquals("READY", c.line());
      }
      Files.createFile(go);
      List<Map<String, Long>> reports = new ArrayList<>();
      for (Child c : children) {
        reports.add(parse(c.line()));
        assertTrue(c.process.waitFor(120, TimeUnit.SECONDS), "child finished");
        assertEquals(0, c.process.exitValue(), c::stderr);
      }
      Map<String, Long> expected = new HashMap<>();
      long acknowledged = 0;
      for (Map<String, Long> r : reports) {
        r.forEach((k, v) -> {
          if (k.startsWith("r") || k.equals("total")) {
            expected.merge(k, v, Long::sum);
          }
        });
        for (int i = 0; i < TwoProcessChild.ROWS; i++) {
          acknowledged += r.getOrDefault("r" + i, 0L);
        }
        acknowledged += r.get("failed");
      }
      assertEquals(2L * OPS, acknowledged, "every operation was either acknowledged or reported failed");
      try (SqliteKit kit = SqliteKit.builder().url(url).build()) {
        var counters = kit.documents(TwoProcessChild.COUNTERS);
        long rowSum = 0;
        for (int r = 0; r < TwoProcessChild.ROWS; r++) {
          long n = (Long) counters.getById("r" + r).orElseThrow().get("n");
          assertEquals(expected.getOrDefault("r" + r, 0L), n, "row r" + r);
          rowSum += n;
        }
        assertEquals(expected.getOrDefault("total", 0L), counters.getById("total").orElseThrow().get("n"),
            "transactional increments applied exactly when acknowledged");
        assertTrue(rowSum > OPS, "both processes wrote");
      }
      System.out.println("TwoProcessIT reports: " + reports);
    } finally {
      for (Child c : children) {
        c.process.destroyForcibly();
      }
    }
  }
}
