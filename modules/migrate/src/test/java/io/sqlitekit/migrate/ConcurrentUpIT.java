package io.sqlitekit.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.driver.SqliteDriver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two threads, and two JVMs, run up() on one file at once: every migration is applied exactly once. */
final class ConcurrentUpIT {
  private static final int COUNT = 8;

  @TempDir
  Path tmp;
  Path dir;
  Path db;
  List<String> all;

  @BeforeEach
  void migrations() throws IOException {
    dir = Files.createDirectories(tmp.resolve("migrations"));
    db = tmp.resolve("race.db");
    // Not idempotent on purpose: applying any of them twice fails (CREATE TABLE) or duplicates a log row.
    Files.writeString(dir.resolve("V1__log.sql"), "CREATE TABLE log (v INTEGER NOT NULL UNIQUE);\n"
        + "CREATE TABLE filler (x INTEGER);\nINSERT INTO log VALUES (1);");
    all = new ArrayList<>(List.of("V1__log"));
    for (int v = 2; v <= COUNT; v++) {
      Files.writeString(dir.resolve("V" + v + "__step.sql"), "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL "
          + "SELECT x + 1 FROM c WHERE x < 20000) INSERT INTO filler SELECT x FROM c;\n"
          + "INSERT INTO log VALUES (" + v + ");");
      all.add("V" + v + "__step");
    }
  }

  /** Both racers then read an empty history without any lock and race for every migration's write lock. */
  private void createTrackingTable() {
    try (SqliteDriver d = TestDb.open(db)) {
      Migrator.create(d, MigrationSource.of()).up();
    }
  }

  @Test
  void staleViewFindsTheMigrationApplied() {
    try (SqliteDriver a = TestDb.open(db); SqliteDriver b = TestDb.open(db)) {
      Migrator first = Migrator.create(a, MigrationSource.flyway(dir));
      Migrator second = Migrator.create(b, MigrationSource.flyway(dir));
      assertEquals(List.of(), second.up(0), "creates the table, applies nothing");
      Migration v1 = second.migrations().get(0);
      assertEquals(List.of("V1__log"), first.up(1));
      // second still believes V1 is pending; inside the write lock it re-reads and skips it.
      assertTrue(second.applyIfPending(v1).isEmpty());
      assertEquals(List.of("1"), TestDb.column(b, "SELECT count(*) FROM log"));
      assertEquals(List.of("1"), TestDb.column(b, "SELECT count(*) FROM _sqlitekit_migrations"));
    }
  }

  private void assertAppliedOnce(List<List<String>> results) {
    List<String> union = results.stream().flatMap(List::stream).sorted().collect(Collectors.toList());
    List<String> expected = all.stream().sorted().collect(Collectors.toList());
    assertEquals(expected, union, "each migration applied by exactly one racer: " + results);
    try (SqliteDriver d = TestDb.open(db)) {
      assertEquals(List.of(Integer.toString(COUNT)), TestDb.column(d, "SELECT count(*) FROM log"));
      assertEquals(List.of(Integer.toString(COUNT)), TestDb.column(d, "SELECT count(*) FROM _sqlitekit_migrations"));
      assertEquals(List.of(Integer.toString((COUNT - 1) * 20000)), TestDb.column(d, "SELECT count(*) FROM filler"));
    }
  }

  @Test
  void twoThreadsTwoDrivers() throws Exception {
    createTrackingTable();
    CyclicBarrier barrier = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (SqliteDriver a = TestDb.open(db); SqliteDriver b = TestDb.open(db)) {
      List<Future<List<String>>> futures = new ArrayList<>();
      for (SqliteDriver d : List.of(a, b)) {
        futures.add(pool.submit(() -> {
          Migrator m = Migrator.create(d, MigrationSource.flyway(dir));
          barrier.await(30, TimeUnit.SECONDS);
          return m.up();
        }));
      }
      List<List<String>> results = new ArrayList<>();
      for (Future<List<String>> f : futures) {
        results.add(f.get(60, TimeUnit.SECONDS));
      }
      assertAppliedOnce(results);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void twoProcesses() throws Exception {
    createTrackingTable();
    Path start = tmp.resolve("start");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> children = new ArrayList<>();
    List<CompletableFuture<List<String>>> outputs = new ArrayList<>();
    // One reader thread per child: each reader blocks until its child exits, and the common pool may have a
    // single worker on a 2-core machine (JDK 25 uses it for supplyAsync), which would starve the second reader.
    ExecutorService readers = Executors.newFixedThreadPool(2);
    try {
      for (int i = 0; i < 2; i++) {
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
            System.getProperty("java.class.path"), RaceMain.class.getName(), db.toString(), dir.toString(),
            start.toString()).redirectErrorStream(true).start();
        children.add(p);
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Void> ready = new CompletableFuture<>();
        outputs.add(CompletableFuture.supplyAsync(() -> {
          List<String> lines = new ArrayList<>();
          try {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
              lines.add(line);
              if (line.equals("ready")) {
                ready.complete(null);
              }
            }
          } catch (IOException e) {
            lines.add(e.toString());
          }
          ready.complete(null);
          return lines;
        }, readers));
        ready.get(60, TimeUnit.SECONDS);
      }
      Files.createFile(start);
      List<List<String>> results = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        assertTrue(children.get(i).waitFor(120, TimeUnit.SECONDS), "child " + i + " finished");
        List<String> lines = outputs.get(i).get(10, TimeUnit.SECONDS);
        assertEquals(0, children.get(i).exitValue(), "child " + i + " output: " + lines);
        String applied = lines.stream().filter(l -> l.startsWith("applied:")).findFirst().orElseThrow()
            .substring("applied:".length());
        results.add(applied.isEmpty() ? List.of() : Arrays.asList(applied.split(",")));
      }
      assertAppliedOnce(results);
    } finally {
      children.forEach(Process::destroyForcibly);
      readers.shutdownNow();
    }
  }
}
