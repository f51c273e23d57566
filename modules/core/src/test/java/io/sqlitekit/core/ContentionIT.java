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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-process contention with the DEFAULT configuration: two, then four JVMs write one WAL file through
 * the kit for {@code sqlitekit.contention.seconds} (default 20) each, with several threads per JVM (see
 * {@link ContentionChild} for the mix). Asserted per scenario: no exception reached a caller (busy/locked
 * conflicts in particular: 0), the sum of all counters equals the acknowledged increments exactly, no reader
 * saw a counter go backwards, and {@code PRAGMA integrity_check} is ok. The figures go to the build output.
 */
class ContentionIT {
  private static final double SECONDS =
      Double.parseDouble(System.getProperty("sqlitekit.contention.seconds", "20"));
  private static final int THREADS = Integer.getInteger("sqlitekit.contention.threads", 2);
  /** The scenarios, as process counts run one after the other on fresh files. */
  private static final String PROCESSES = System.getProperty("sqlitekit.contention.processes", "2,4");

  @TempDir
  Path dir;

  @Test
  void twoThenFourProcessesWriteOneFileWithoutSurfacingBusyErrorsOrLosingIncrements() throws Exception {
    for (String p : PROCESSES.split(",")) {
      scenario(Integer.parseInt(p.trim()));
    }
  }

  private void scenario(int processes) throws Exception {
    Path db = dir.resolve("contention-" + processes + ".db");
    String url = "jdbc:sqlite:" + db;
    try (SqliteKit kit = SqliteKit.builder().url(url).build()) {
      kit.createTable(ContentionChild.COUNTERS);
      var counters = kit.documents(ContentionChild.COUNTERS);
      for (int i = 0; i < ContentionChild.HOT; i++) {
        counters.create(new HashMap<>(Map.of("id", "c" + i)));
      }
    }
    Path go = dir.resolve("go-" + processes);
    List<Child> children = new ArrayList<>();
    List<Map<String, Long>> results = new ArrayList<>();
    Map<String, Long> errorTypes = new TreeMap<>();
    try {
      for (int p = 0; p < processes; p++) {
        children.add(start(url, go, "p" + p));
      }
      for (Child c : children) {
        assertEquals("READY", c.line());
      }
      Files.createFile(go);
      for (Child c : children) {
        // A few short lines fit the pipe, so waiting first cannot block the child; a hung child fails here.
        assertTrue(c.process.waitFor((long) SECONDS + 60, TimeUnit.SECONDS), "child finished in time");
        assertEquals(0, c.process.exitValue(), c::stderr);
        results.add(parse(c.line()));
        for (String l = c.out.readLine(); l != null; l = c.out.readLine()) {
          if (l.startsWith("ERROR ")) {
            String[] parts = l.split(" ");
            errorTypes.merge(parts[1], Long.parseLong(parts[2]), Long::sum);
          }
        }
      }
    } finally {
      for (Child c : children) {
        c.process.destroyForcibly();
      }
    }
    Map<String, Long> sum = new LinkedHashMap<>();
    for (Map<String, Long> r : results) {
      r.forEach((k, v) -> sum.merge(k, v, Long::sum));
    }
    long stored;
    String integrity;
    long rows;
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT coalesce(sum(n), 0), count(*) FROM counters")) {
        rs.next();
        stored = rs.getLong(1);
        rows = rs.getLong(2);
      }
      try (ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
        rs.next();
        integrity = rs.getString(1);
      }
    }
    long acknowledged = sum.get("acknowledged");
    long writes = sum.get("increments") + sum.get("readWrites") + sum.get("creates") + sum.get("batches");
    long maxWaitMillis = results.stream().mapToLong(r -> r.get("maxWriteMicros")).max().orElse(0) / 1000;
    System.out.println(String.format(Locale.ROOT,
        "contention %d JVMs x %d threads %.0f s: %d writes (%d inc, %d read-then-write, %d creates, %d createMany"
            + " of %d rows), %d reads, slowest write call %d ms (busy_timeout 5000 ms), %d busy errors surfaced,"
            + " %d other errors %s, %d read regressions, counters sum %d vs %d acknowledged increments%s,"
            + " integrity %s",
        processes, THREADS, SECONDS, writes, sum.get("increments"), sum.get("readWrites"), sum.get("creates"),
        sum.get("batches"), ContentionChild.BATCH, sum.get("reads"), maxWaitMillis, sum.get("busy"),
        sum.get("errors") - sum.get("busy"), errorTypes,
        sum.get("regressions"), stored, acknowledged, stored == acknowledged ? " (totals match)" : " (MISMATCH)",
        integrity));
    if (sum.get("errors") > 0) {
      for (Child c : children) {
        String e = c.stderr();
        System.out.println("stderr of a child: " + e.substring(0, Math.min(e.length(), 4000)));
      }
    }
    assertEquals("ok", integrity, "PRAGMA integrity_check");
    assertEquals(0L, sum.get("busy"), () -> "busy/locked errors reached callers: " + errorTypes);
    assertEquals(0L, sum.get("errors"), () -> "exceptions reached callers: " + errorTypes);
    assertEquals(acknowledged, stored, "sum of all counters = acknowledged increments");
    assertEquals(ContentionChild.HOT + sum.get("creates") + sum.get("batches") * ContentionChild.BATCH, rows,
        "one row per acknowledged create");
    assertEquals(0L, sum.get("regressions"), "no reader saw a counter go backwards");
    assertTrue(writes > 0 && sum.get("reads") > 0, "the children did work");
    for (Map<String, Long> r : results) {
      assertTrue(r.get("acknowledged") > 0, () -> "every child wrote: " + results);
    }
  }

  private Child start(String url, Path go, String name) throws IOException {
    Path err = dir.resolve(name + "-" + go.getFileName() + ".err");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("--enable-native-access=ALL-UNNAMED");
    // Small heaps and the serial collector: up to four of these share two cores with the build.
    cmd.add("-Xmx128m");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(ContentionChild.class.getName());
    cmd.add(url);
    cmd.add(go.toString());
    cmd.add(name);
    cmd.add(Double.toString(SECONDS));
    cmd.add(Integer.toString(THREADS));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
    return new Child(pb.start(), err);
  }

  private static Map<String, Long> parse(String line) {
    assertTrue(line.startsWith("RESULT "), line);
    Map<String, Long> m = new LinkedHashMap<>();
    for (String kv : line.substring(7).split(" ")) {
      int eq = kv.indexOf('=');
      m.put(kv.substring(0, eq), Long.parseLong(kv.substring(eq + 1)));
    }
    return m;
  }

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
}
