package io.sqlitekit.it.ops;

import static io.sqlitekit.spi.filter.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.memory.MemoryKit;
import io.sqlitekit.plugin.tenant.Tenants;
import io.sqlitekit.spi.BulkOp;
import io.sqlitekit.spi.BulkWriteResult;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.SortField;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.Transition;
import io.sqlitekit.spi.error.BulkWriteException;
import io.sqlitekit.spi.error.DuplicateKeyException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The optional operations under tenant B never touch tenant A's rows, on both kits with the multi-tenant,
 * soft-delete and timestamp plugins enabled by name: claim, applyTransition, update pipelines, bulkWrite (also
 * when it fails), archiveByFilter and purgeByFilter each run as B with filters that would match A's rows too.
 */
final class TenantScopedOpsIT {
  /** A tenant-owned, soft-deletable, timestamped task. */
  public record Task(String id, String organizationId, String status, Long n, Instant createdAt, Instant updatedAt,
      Instant deletedAt) {
    Task(String id, String status, long n) {
      this(id, null, status, n, null, null, null);
    }
  }

  private static List<Column> columns() {
    return List.of(Column.text("id").primaryKey(), Column.text("organizationId"), Column.text("status"),
        Column.integer("n"), Column.timestamp("createdAt"), Column.timestamp("updatedAt"),
        Column.timestamp("deletedAt"));
  }

  static final TableDef TASKS = new TableDef("tasks", columns(), null);
  static final TableDef ARCHIVE = new TableDef("tasks_archive", columns(), null);

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "memory"})
  void tenantB_neverTouchesTenantA(String kind) {
    AutoCloseable kit = null;
    try {
      StandardRepo<Task, String> tasks;
      StandardRepo<Task, String> archive;
      if (kind.equals("sqlite")) {
        SqliteKit k = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("tasks.db"))
            .plugins("multi-tenant", "soft-delete", "timestamp").build();
        kit = k;
        k.createTable(TASKS);
        k.createTable(ARCHIVE);
        tasks = k.repository(TASKS, Task.class);
        archive = k.repository(ARCHIVE, Task.class);
      } else {
        MemoryKit k = MemoryKit.builder().plugins("multi-tenant", "soft-delete", "timestamp").build();
        kit = k;
        tasks = k.repository(TASKS, Task.class);
        archive = k.repository(ARCHIVE, Task.class);
      }
      run(tasks, archive);
    } finally {
      if (kit != null) {
        try {
          kit.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  private static List<Task> sorted(List<Task> rows) {
    List<Task> out = new ArrayList<>(rows);
    out.sort(Comparator.comparing(Task::id));
    return out;
  }

  private static void run(StandardRepo<Task, String> tasks, StandardRepo<Task, String> archive) {
    StandardRepo<Task, String> asA = Tenants.forTenant(tasks, "A");
    StandardRepo<Task, String> asB = Tenants.forTenant(tasks, "B");
    for (int i = 1; i <= 4; i++) {
      asA.create(new Task("a" + i, "pending", i));
      asB.create(new Task("b" + i, "pending", 10 + i));
    }
    List<Task> aBefore = sorted(asA.findAll(Filters.all()));
    Sort byN = Sort.by(SortField.asc("n"));

    // claim: A's pending rows have the smaller n, yet B only ever gets its own.
    List<String> claimed = new ArrayList<>();
    for (Optional<Task> t = asB.claim(eq("status", "pending"), byN, Update.set("status", "running"));
        t.isPresent(); t = asB.claim(eq("status", "pending"), byN, Update.set("status", "running"))) {
      assertEquals("B", t.get().organizationId());
      assertTrue(t.get().updatedAt() != null, "the timestamp plugin stamps a claim as an update");
      claimed.add(t.get().id());
    }
    assertEquals(List.of("b1", "b2", "b3", "b4"), claimed);

    // applyTransition and pipelines on A's key are misses for B.
    assertTrue(asB.applyTransition("a1", Transition.of("status", "pending", "done")).missing());
    assertEquals(Optional.empty(), asB.updatePipeline("a2", List.of(Update.set("n", 0L), Update.inc("n", 1))));

    // bulkWrite: every operation is scoped as its single call.
    BulkWriteResult<Task> r = asB.bulkWrite(List.of(
        BulkOp.update("a3", Update.set("status", "stolen")),
        BulkOp.updateMany(eq("status", "running"), Update.set("status", "done")),
        BulkOp.deleteMany(Filters.in("id", List.of("a4", "b4"))),
        BulkOp.insert(new Task("b5", "pending", 15))));
    assertEquals(List.of(0L, 4L, 1L, 1L),
        r.outcomes().stream().map(BulkWriteResult.Outcome::affected).collect(Collectors.toList()));
    assertEquals("B", r.outcomes().get(3).row().orElseThrow().organizationId(), "insert stamped with B");
    // An upsert onto A's key is a duplicate for B, and the whole bulk write is undone.
    BulkWriteException e = assertThrows(BulkWriteException.class, () -> asB.bulkWrite(List.of(
        BulkOp.update("b1", Update.set("status", "rolled-back?")),
        BulkOp.upsert(new Task("a1", "hijacked", 0)))));
    assertEquals(1, e.opIndex());
    assertTrue(e.getCause() instanceof DuplicateKeyException, String.valueOf(e.getCause()));
    assertEquals("done", asB.getById("b1").orElseThrow().status());

    // archive and purge with filters A's rows would match.
    assertEquals(3L, asB.archiveByFilter(Filters.and(Filters.in("status", List.of("done", "pending")),
        Filters.ne("id", "b5")), ARCHIVE));
    assertEquals(1L, asB.purgeByFilter(eq("status", "pending")));
    assertEquals(List.of(), asB.findAll(Filters.all()), "b4 is soft-deleted, the rest moved or purged");

    // Tenant A: every row exactly as before, none archived.
    assertEquals(aBefore, sorted(asA.findAll(Filters.all())));
    assertEquals(List.of(), Tenants.forTenant(archive, "A").findAll(Filters.all()));
    List<Task> archivedB = sorted(Tenants.forTenant(archive, "B").findAll(Filters.all()));
    assertEquals(List.of("b1", "b2", "b3"), archivedB.stream().map(Task::id).collect(Collectors.toList()));
    assertFalse(archivedB.stream().anyMatch(t -> !"B".equals(t.organizationId())));
  }
}
