package io.sqlitekit.plugin.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.core.SqliteRepository;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Maintenance on real WAL files through the SQLite kit and the xerial driver. */
final class MaintenanceIT {
  static final TableDef BLOBS = TableDef.of("blobs", Column.integer("id").primaryKey(), Column.integer("n"),
      Column.blob("pad"));

  @TempDir
  Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private SqliteKit kit(String name) {
    SqliteKit kit = SqliteKit.open("jdbc:sqlite:" + dir.resolve(name));
    open.add(kit);
    kit.createTable(BLOBS);
    return kit;
  }

  private Maintenance maintenance(SqliteDriver d, MaintenanceOptions o) {
    Maintenance m = Maintenance.start(d, o);
    open.add(m);
    return m;
  }

  /** Inserts rows of {@code bytes} random bytes each, in one transaction. */
  private static void fill(SqliteDriver d, int rows, int bytes) {
    d.write(s -> {
      List<List<?>> params = new ArrayList<>();
      for (int i = 1; i <= rows; i++) {
        params.add(List.of(i, i, bytes));
      }
      s.batch("INSERT INTO blobs(id, n, pad) VALUES (?, ?, randomblob(?))", params);
      return null;
    });
  }

  /**
   * The acceptance with 24 MB instead of 100 MB (lean suite): deleting every second row leaves free
   * pages inside the file; incremental vacuum gives them back and the file shrinks.
   */
  @Test
  void incrementalVacuumReclaimsPagesAfterDeletingHalfOfALargeTable() {
    SqliteKit kit = kit("big.db");
    List<MaintenanceEvent> events = new CopyOnWriteArrayList<>();
    Maintenance m = maintenance(kit.driver(), MaintenanceOptions.defaults().withListener(events::add));
    assertEquals(AutoVacuum.NONE, m.autoVacuum());
    assertThrows(ConfigurationException.class, () -> m.incrementalVacuum(0));
    assertTrue(m.setAutoVacuum(AutoVacuum.INCREMENTAL).pagesAfter() > 0, "switching from NONE runs VACUUM");
    assertEquals(AutoVacuum.INCREMENTAL, m.autoVacuum());
    assertNull(m.setAutoVacuum(AutoVacuum.INCREMENTAL));

    fill(kit.driver(), 6000, 4000);
    m.checkpoint(CheckpointMode.TRUNCATE);
    long deleted = kit.driver().write(s -> s.update("DELETE FROM blobs WHERE id % 2 = 0", List.of()));
    assertEquals(3000, deleted);

    VacuumResult half = m.incrementalVacuum(500);
    assertTrue(half.freelistBefore() > 2500, "free pages after the delete: " + half.freelistBefore());
    assertEquals(half.freelistBefore() - 500, half.freelistAfter());
    assertTrue(half.pagesReclaimed() >= 500, "the freed pages, plus pointer-map pages no longer needed: " + half);

    VacuumResult rest = m.incrementalVacuum(0);
    assertEquals(0, rest.freelistAfter());
    assertTrue(rest.freelistAfter() < rest.freelistBefore());
    assertTrue(rest.fileBytesAfter() < half.fileBytesBefore(), "the file shrinks");
    assertTrue(rest.fileBytesAfter() <= rest.pagesAfter() * rest.pageSize(), "after the TRUNCATE checkpoint");
    System.out.printf("incremental vacuum: file %d -> %d bytes, freelist %d -> %d, pages %d -> %d, %d ms + %d ms%n",
        half.fileBytesBefore(), rest.fileBytesAfter(), half.freelistBefore(), rest.freelistAfter(),
        half.pagesBefore(), rest.pagesAfter(), half.took().toMillis(), rest.took().toMillis());
    assertEquals(3000L, (long) kit.driver().read(s -> s.query("SELECT count(*) FROM blobs", List.of(),
        r -> r.next() ? r.getLong(0) : -1L)));
    assertTrue(m.integrityCheck().ok());
    assertTrue(events.stream().filter(e -> e instanceof VacuumResult).count() >= 3, "events reach the listener");
  }

  @Test
  void fullVacuumShrinksTheFile() {
    SqliteKit kit = kit("full.db");
    Maintenance m = maintenance(kit.driver(), MaintenanceOptions.defaults());
    fill(kit.driver(), 1000, 2000);
    kit.driver().write(s -> s.update("DELETE FROM blobs WHERE id > 200", List.of()));
    m.checkpoint(CheckpointMode.TRUNCATE);
    VacuumResult r = m.vacuum();
    assertFalse(r.incremental());
    assertTrue(r.freelistBefore() > 0);
    assertEquals(0, r.freelistAfter());
    assertTrue(r.pagesReclaimed() > 0);
    assertTrue(r.fileBytesAfter() < r.fileBytesBefore(), r.toString());
  }

  @Test
  void checkpointReportsTheWalAndOptimizeIsMeasured() {
    SqliteKit kit = kit("wal.db");
    Maintenance m = maintenance(kit.driver(), MaintenanceOptions.defaults());
    fill(kit.driver(), 300, 1000);
    CheckpointResult passive = m.checkpoint(CheckpointMode.PASSIVE);
    assertFalse(passive.busy());
    assertTrue(passive.walBytesBefore() > 0);
    assertEquals(passive.walFrames(), passive.checkpointedFrames());
    CheckpointResult truncate = m.checkpoint(CheckpointMode.TRUNCATE);
    assertEquals(0, truncate.walBytesAfter(), "TRUNCATE empties the WAL file");
    OptimizeResult o = m.optimize();
    assertFalse(o.onClose());
    assertTrue(o.took().toNanos() > 0);
    System.out.printf("checkpoint: WAL %d bytes, PASSIVE %d us, TRUNCATE %d us; optimize %d us%n",
        passive.walBytesBefore(), passive.took().toNanos() / 1000, truncate.took().toNanos() / 1000,
        o.took().toNanos() / 1000);
  }

  @Test
  void checksReturnTypedReports() throws Exception {
    SqliteKit kit = kit("check.db");
    Maintenance m = maintenance(kit.driver(), MaintenanceOptions.defaults().withOptimizeOnClose(false));
    kit.execute("CREATE INDEX blobs_n ON blobs(n)");
    fill(kit.driver(), 2000, 100);
    IntegrityReport full = m.integrityCheck();
    assertTrue(full.ok());
    assertFalse(full.quick());
    assertTrue(m.quickCheck().ok());
    m.checkpoint(CheckpointMode.TRUNCATE);
    m.close();
    kit.close();

    // Damage the index: redefine it over another column, so its entries no longer match the table.
    Path file = dir.resolve("check.db");
    try (SqliteKit raw = SqliteKit.open("jdbc:sqlite:" + file)) {
      raw.execute("PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = 'CREATE INDEX blobs_n ON blobs(pad)'"
          + " WHERE name = 'blobs_n'; PRAGMA writable_schema = OFF");
    }
    try (SqliteKit reopened = SqliteKit.open("jdbc:sqlite:" + file);
        Maintenance again = Maintenance.start(reopened.driver(),
            MaintenanceOptions.defaults().withOptimizeOnClose(false))) {
      IntegrityReport broken = again.integrityCheck();
      assertFalse(broken.ok());
      assertTrue(broken.problems().size() > 1, broken.problems().toString());
      assertTrue(broken.problems().size() <= 100, "bounded");
    }
    assertTrue(Files.exists(file));
  }

  @Test
  void explainRendersThroughTheRepositoryAndTellsIndexFromScan() {
    SqliteKit kit = kit("plan.db");
    kit.execute("CREATE INDEX blobs_n ON blobs(n)");
    SqliteRepository<Map<String, Object>, Object> repo = kit.documents(BLOBS);
    Maintenance m = maintenance(kit.driver(), MaintenanceOptions.defaults());
    QueryPlan byIndex = QueryPlans.explain(m, repo, Filters.eq("n", 5), Sort.unsorted());
    assertTrue(byIndex.usesIndex(), byIndex.toString());
    assertEquals(List.of("blobs_n"), byIndex.indexes());
    assertFalse(byIndex.fullScan());
    QueryPlan byKey = QueryPlans.explain(m, repo, Filters.eq("id", 5), Sort.unsorted());
    assertEquals(List.of("INTEGER PRIMARY KEY"), byKey.indexes());
    QueryPlan sorted = QueryPlans.explain(m, repo, Filters.eq("pad", new byte[] {1}), Sort.parse("-id"));
    assertFalse(sorted.tempSort(), "rowid order needs no sort: " + sorted);
    QueryPlan unindexed = QueryPlans.explain(m, repo, Filters.eq("pad", new byte[] {1}), Sort.unsorted());
    assertTrue(unindexed.fullScan(), unindexed.toString());
    assertFalse(unindexed.usesIndex());
    assertThrows(ValidationException.class, () -> QueryPlans.explain(m, repo, Filters.eq("nope", 1),
        Sort.unsorted()));
    assertThrows(ValidationException.class, () -> m.explain(new io.sqlitekit.spi.compile.SqlFragment(
        "DELETE FROM blobs", List.of())));
  }

  @Test
  void schedulesRunAndAllStopOnClose() throws Exception {
    SqliteKit kit = kit("sched.db");
    fill(kit.driver(), 50, 100);
    List<MaintenanceEvent> events = new CopyOnWriteArrayList<>();
    Maintenance m = Maintenance.start(kit.driver(), MaintenanceOptions.defaults()
        .withVacuumEvery(Duration.ofMillis(40))
        .withIncrementalVacuumEvery(Duration.ofMillis(15), 10)
        .withOptimizeEvery(Duration.ofMillis(15))
        .withCheckpointEvery(Duration.ofMillis(15), CheckpointMode.PASSIVE)
        .withListener(events::add));
    assertEquals(AutoVacuum.INCREMENTAL, m.autoVacuum(), "scheduling incremental vacuum switches the mode");
    assertTrue(m.schedulersRunning());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline && !(has(events, e -> e instanceof VacuumResult && !((VacuumResult) e)
        .incremental()) && has(events, e -> e instanceof VacuumResult && ((VacuumResult) e).incremental())
        && has(events, e -> e instanceof OptimizeResult) && has(events, e -> e instanceof CheckpointResult))) {
      Thread.sleep(10);
    }
    m.close();
    assertFalse(m.schedulersRunning(), "close() stops every schedule");
    assertTrue(Thread.getAllStackTraces().keySet().stream()
        .noneMatch(t -> t.isAlive() && t.getName().startsWith("sqlitekit-maintenance-")), "no thread left");
    assertTrue(has(events, e -> e instanceof OptimizeResult && ((OptimizeResult) e).onClose()), "optimize on close");
    assertFalse(has(events, e -> e instanceof MaintenanceFailure), events.toString());
    int seen = events.size();
    Thread.sleep(100);
    assertEquals(seen, events.size(), "nothing runs after close");
    m.close();
  }

  private static boolean has(List<MaintenanceEvent> events, java.util.function.Predicate<MaintenanceEvent> p) {
    return events.stream().anyMatch(p);
  }

  @Test
  void backupIsVerifiedAndRestoresIntoANewFile() {
    SqliteKit kit = kit("src.db");
    fill(kit.driver(), 500, 500);
    Maintenance m = maintenance(kit.driver(), MaintenanceOptions.defaults());
    List<int[]> progress = new ArrayList<>();
    BackupResult b = m.backup(dir.resolve("b.db"), (done, total) -> progress.add(new int[] {done, total}));
    assertTrue(b.pages() > 0 && b.bytes() > 0);
    assertEquals(b.pages(), progress.get(progress.size() - 1)[0]);
    assertThrows(ValidationException.class, () -> m.backup(dir.resolve("b.db"), (x, y) -> { }));

    BackupResult r = Maintenance.restore(dir.resolve("b.db"), dir.resolve("restored.db"), (x, y) -> { });
    assertEquals(b.pages(), r.pages());
    try (SqliteKit restored = SqliteKit.open("jdbc:sqlite:" + dir.resolve("restored.db"))) {
      assertEquals(500L, (long) restored.driver().read(s -> s.query("SELECT count(*) FROM blobs", List.of(),
          rows -> rows.next() ? rows.getLong(0) : -1L)));
    }
    assertThrows(ValidationException.class, () -> Maintenance.restore(dir.resolve("missing.db"),
        dir.resolve("x.db"), (x, y) -> { }));
    assertThrows(ValidationException.class, () -> Maintenance.restore(dir.resolve("b.db"),
        dir.resolve("restored.db"), (x, y) -> { }));
  }

  @Test
  void pluginStartsWithTheKitAndStopsWithIt() {
    MaintenancePlugin plugin = MaintenancePlugin.create(MaintenanceOptions.defaults()
        .withCheckpointEvery(Duration.ofMillis(20), CheckpointMode.PASSIVE));
    SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("plugin.db")).plugin(plugin).build();
    kit.createTable(BLOBS);
    assertTrue(plugin.maintenance(kit.driver()).isEmpty());
    kit.documents(BLOBS);
    kit.documents(BLOBS);
    Maintenance m = plugin.maintenance(kit.driver()).orElseThrow();
    assertTrue(m.schedulersRunning());
    kit.close();
    assertFalse(m.schedulersRunning());
    assertTrue(plugin.maintenance(kit.driver()).isEmpty());
  }

  @Test
  void rejectsBadInput() {
    SqliteKit kit = kit("bad.db");
    Maintenance m = maintenance(kit.driver(), MaintenanceOptions.defaults());
    m.setAutoVacuum(AutoVacuum.INCREMENTAL);
    assertThrows(ValidationException.class, () -> m.incrementalVacuum(-1));
    assertThrows(IllegalArgumentException.class, () -> MaintenanceOptions.defaults()
        .withOptimizeEvery(Duration.ofSeconds(-1)));
  }
}
