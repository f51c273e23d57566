package io.sqlitekit.tck.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.BatchResult;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.Capability;
import io.sqlitekit.spi.FindOneAndUpdateOptions;
import io.sqlitekit.spi.FindOptions;
import io.sqlitekit.spi.KeysetRequest;
import io.sqlitekit.spi.Measure;
import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.StreamOptions;
import io.sqlitekit.spi.error.RepositoryException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.plugin.HookPriority;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import io.sqlitekit.tck.internal.HookRecorder;
import io.sqlitekit.tck.internal.HookRecorder.Firing;
import io.sqlitekit.tck.internal.HookRecorder.Kind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The conformance checks the TCK offers to plugin authors. Extend it in a test class and return a
 * {@link PluginHarness}; Surefire runs the inherited tests like any other:
 *
 * <pre>{@code
 * class OwnerPluginConformanceTest extends PluginConformance {
 *   protected PluginHarness harness() { return new OwnerHarness(); }
 * }
 * }</pre>
 *
 * <p>What a certified plugin guarantees:
 * <ul>
 *   <li><b>Complete policy coverage</b>: a before-hook at a priority below {@link HookPriority#CACHE} (policy or
 *       validation) that listens to one operation of a group listens to the whole group, so no caller can go
 *       around it: inserts (a hook on create or createMany must also cover upsert, getOrCreate and batch),
 *       updates (update, updateMany, findOneAndUpdate, increment, batch), deletes (delete, deleteMany, batch),
 *       and, for a hook on any read, every scoped operation and batch.</li>
 *   <li><b>Hooks fire on every path</b>: every operation the plugin registered a hook for runs successfully with
 *       the plugin enabled and fires that hook: called directly, inside {@code withTransaction} (where the hook
 *       sees {@code inTransaction()}), and as a batch.</li>
 *   <li><b>No leak with multi-tenant</b>: enabled together with the multi-tenant plugin, no read of one tenant
 *       returns another tenant's row and no write of one tenant changes one.</li>
 * </ul>
 *
 * @since 0.2.0
 */
public abstract class PluginConformance {
  /** The tenant column of {@link #table(List)}. */
  public static final String TENANT_FIELD = "tenantId";

  private static final AtomicLong SEQ = new AtomicLong();

  private static final Set<Operation> INSERTS = EnumSet.of(Operation.CREATE, Operation.CREATE_MANY,
      Operation.UPSERT, Operation.GET_OR_CREATE, Operation.BATCH);
  private static final Set<Operation> UPDATES = EnumSet.of(Operation.UPDATE, Operation.UPDATE_MANY,
      Operation.FIND_ONE_AND_UPDATE, Operation.INCREMENT, Operation.BATCH);
  private static final Set<Operation> DELETES = EnumSet.of(Operation.DELETE, Operation.DELETE_MANY,
      Operation.BATCH);

  private PluginHarness harness;

  /**
   * Returns the harness of the plugin under certification; called once per check.
   *
   * @return the harness
   */
  protected abstract PluginHarness harness();

  /**
   * Builds the table the checks use: {@code id} TEXT primary key, {@code name} TEXT NOT NULL, {@code tenantId}
   * TEXT, {@code n} INTEGER, then the plugin's columns.
   *
   * @param pluginColumns the plugin's columns
   * @return the table {@code tck_plugin_docs}
   */
  public static TableDef table(List<Column> pluginColumns) {
    List<Column> columns = new ArrayList<>(List.of(Column.text("id").primaryKey(), Column.text("name").notNull(),
        Column.text(TENANT_FIELD), Column.integer("n")));
    columns.addAll(pluginColumns);
    return TableDef.of("tck_plugin_docs", columns.toArray(new Column[0]));
  }

  @AfterEach
  void cleanUp() {
    if (harness != null) {
      harness.cleanup();
    }
  }

  private PluginHarness h() {
    if (harness == null) {
      harness = harness();
    }
    return harness;
  }

  /** What a check works on: the plugin wrapped for recording, and the repository it is enabled on. */
  private record Setup(HookRecorder recorder, StandardRepo<Map<String, Object>, Object> repo) {
  }

  private Setup setUp(boolean withTenants) {
    PluginHarness harness = h();
    HookRecorder recorder = new HookRecorder(harness.plugin());
    List<RepositoryPlugin> plugins = withTenants
        ? List.of(harness.multiTenant(TENANT_FIELD), recorder) : List.of(recorder);
    StandardRepo<Map<String, Object>, Object> repo = harness.create(table(harness.columns()), plugins);
    for (Capability c : List.of(Capability.TRANSACTIONS, Capability.BATCH)) {
      assertTrue(repo.capabilities().supports(c), "PluginHarness.create must return a repository with " + c
          + " (the SQLite kit or the memory kit), so that every path of the plugin can be checked");
    }
    return new Setup(recorder, repo);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Coverage

  /** A policy or validation before-hook that listens to part of a group of operations leaves a way around it. */
  @Test
  public void policyHooks_coverWholeOperationGroups() {
    Setup s = setUp(false);
    Set<Operation> policy = EnumSet.noneOf(Operation.class);
    s.recorder().registrations().stream()
        .filter(r -> r.kind() == Kind.BEFORE && r.priority() < HookPriority.CACHE)
        .forEach(r -> policy.addAll(r.operations()));
    Set<Operation> scoped = EnumSet.of(Operation.BATCH);
    for (Operation op : Operation.values()) {
      if (op.isScoped()) {
        scoped.add(op);
      }
    }
    Set<Operation> reads = EnumSet.noneOf(Operation.class);
    for (Operation op : Operation.values()) {
      if (!op.isWrite()) {
        reads.add(op);
      }
    }
    List<String> problems = new ArrayList<>();
    // Upsert and getOrCreate are scoped too (a conflict, a lookup): a scoping plugin listens to them without
    // being an insert policy, so only the plain inserts trigger the insert group.
    checkGroup("inserts", EnumSet.of(Operation.CREATE, Operation.CREATE_MANY), INSERTS, policy, problems);
    checkGroup("updates", UPDATES, UPDATES, policy, problems);
    checkGroup("deletes", DELETES, DELETES, policy, problems);
    checkGroup("reads", reads, scoped, policy, problems);
    assertTrue(problems.isEmpty(), "plugin \"" + s.recorder().name() + "\": " + String.join("; ", problems));
  }

  private static void checkGroup(String group, Set<Operation> trigger, Set<Operation> required,
      Set<Operation> registered, List<String> problems) {
    Set<Operation> hit = EnumSet.noneOf(Operation.class);
    trigger.stream().filter(op -> op != Operation.BATCH && registered.contains(op)).forEach(hit::add);
    if (hit.isEmpty()) {
      return;
    }
    Set<Operation> missing = EnumSet.copyOf(required);
    missing.removeAll(registered);
    if (!missing.isEmpty()) {
      problems.add(String.format("its policy before-hooks cover %s %s but not %s, so a caller can go around them",
          group, hit, missing));
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Hooks fire on every path

  /** Every operation the plugin listens to succeeds and fires its hooks when called directly. */
  @Test
  public void hooksFire_onEveryOperation() {
    Setup s = setUp(false);
    StandardRepo<Map<String, Object>, Object> repo = s.repo().withContext(h().context());
    for (Operation op : Operation.values()) {
      if (op == Operation.BATCH) {
        continue;
      }
      exercise(op, repo, s.recorder(), false);
    }
  }

  /** Inside {@code withTransaction} every operation fires the same hooks, and they see the transaction. */
  @Test
  public void hooksFire_insideTransactions() {
    Setup s = setUp(false);
    StandardRepo<Map<String, Object>, Object> repo = s.repo().withContext(h().context());
    for (Operation op : Operation.values()) {
      repo.withTransaction(tx -> {
        exercise(op, tx, s.recorder(), true);
        return null;
      });
    }
  }

  /** A batch of an insert, an update and a delete runs with the plugin and fires its batch hooks. */
  @Test
  public void hooksFire_onBatches() {
    Setup s = setUp(false);
    exercise(Operation.BATCH, s.repo().withContext(h().context()), s.recorder(), false);
  }

  private void exercise(Operation op, StandardRepo<Map<String, Object>, Object> repo, HookRecorder recorder,
      boolean inTransaction) {
    String a = seed(repo);
    String b = seed(repo);
    recorder.clearFirings();
    String where = op + (inTransaction ? " inside withTransaction" : "");
    try {
      call(op, repo, a, b, where);
    } catch (RepositoryException e) {
      throw new AssertionError(where + " failed with the plugin enabled: " + e.getMessage(), e);
    }
    List<Firing> fired = recorder.takeFirings();
    if (op == Operation.SEARCH && repo.scopedReads().isEmpty()) {
      // An implementation without extension reads (the memory kit) has no SEARCH call to fire hooks on.
      return;
    }
    for (Kind kind : List.of(Kind.BEFORE, Kind.AFTER)) {
      if (recorder.registeredFor(kind).contains(op)) {
        List<Firing> mine = fired.stream().filter(f -> f.kind() == kind && f.operation() == op)
            .collect(Collectors.toList());
        assertFalse(mine.isEmpty(), "the plugin's " + kind + " hook for " + op + " did not fire on " + where);
        if (inTransaction) {
          assertTrue(mine.stream().allMatch(Firing::inTransaction),
              "the plugin's " + kind + " hook for " + op + " did not see inTransaction() on " + where);
        }
      }
    }
  }

  private static void call(Operation op, StandardRepo<Map<String, Object>, Object> repo, String a, String b,
      String where) {
    switch (op) {
      case CREATE: {
        String id = newId();
        repo.create(row(id));
        assertTrue(repo.getById(id).isPresent(), where + ": a created row must be readable by its creator");
        break;
      }
      case CREATE_MANY:
        assertEquals(2, repo.createMany(List.of(row(newId()), row(newId()))).size(), where);
        break;
      case UPSERT: {
        Map<String, Object> changed = row(a);
        changed.put("name", "upserted");
        repo.upsert(changed);
        assertEquals("upserted", repo.getById(a).map(r -> r.get("name")).orElse(null), where);
        break;
      }
      case GET_OR_CREATE: {
        String id = newId();
        assertTrue(repo.getOrCreate(Filters.eq("id", id), row(id)).created(), where);
        break;
      }
      case GET_BY_ID:
        assertTrue(repo.getById(a).isPresent(), where);
        break;
      case GET_BY_IDS:
        assertEquals(2, repo.getByIds(List.of(a, b)).size(), where);
        break;
      case GET_ONE:
        assertTrue(repo.getOne(Filters.eq("id", a)).isPresent(), where);
        break;
      case FIND_ALL:
        assertEquals(2, repo.findAll(Filters.in("id", a, b), FindOptions.defaults()).size(), where);
        break;
      case GET_ALL:
        assertEquals(2, repo.getAll(PageRequest.first().withFilter(Filters.in("id", a, b))).items().size(), where);
        assertEquals(2, repo.getAll(KeysetRequest.first(Sort.parse("id"), 10).withFilter(Filters.in("id", a, b)))
            .items().size(), where);
        break;
      case STREAM:
        try (Stream<Map<String, Object>> rows = repo.stream(Filters.in("id", a, b), StreamOptions.defaults())) {
          assertEquals(2, rows.count(), where);
        }
        break;
      case COUNT:
        assertEquals(2, repo.count(Filters.in("id", a, b)), where);
        break;
      case EXISTS:
        assertTrue(repo.exists(Filters.eq("id", a)), where);
        break;
      case DISTINCT:
        assertEquals(2, repo.distinct("id", Filters.in("id", a, b)).size(), where);
        break;
      case AGGREGATE:
        assertEquals(2L, ((Number) repo.aggregate(AggregateRequest.of("c", Measure.count())
            .where(Filters.in("id", a, b))).get(0).get("c")).longValue(), where);
        break;
      case UPDATE:
        assertTrue(repo.update(a, Update.set("n", 5L)).isPresent(), where);
        break;
      case UPDATE_MANY:
        assertEquals(2, repo.updateMany(Filters.in("id", a, b), Update.set("n", 6L)).matchedCount(), where);
        break;
      case FIND_ONE_AND_UPDATE:
        assertTrue(repo.findOneAndUpdate(Filters.eq("id", a), Update.set("n", 7L),
            FindOneAndUpdateOptions.defaults()).isPresent(), where);
        break;
      case INCREMENT:
        assertTrue(repo.increment(a, "n", 1).isPresent(), where);
        break;
      case DELETE:
        assertTrue(repo.delete(a), where);
        assertFalse(repo.getById(a).isPresent(), where + ": a deleted row must no longer be readable");
        break;
      case DELETE_MANY:
        assertEquals(2, repo.deleteMany(Filters.in("id", a, b)), where);
        break;
      case BATCH: {
        String id = newId();
        List<BatchResult<Map<String, Object>>> results = repo.batch(bb -> List.of(bb.insert(row(id)),
            bb.update(a, Update.set("n", 8L)), bb.delete(b)));
        assertEquals(List.of(1L, 1L, 1L), results.stream().map(BatchResult::changes).collect(Collectors.toList()),
            where);
        assertTrue(repo.getById(id).isPresent(), where);
        assertFalse(repo.getById(b).isPresent(), where);
        break;
      }
      case SEARCH:
        // An extension read (full-text, vector search) over the two rows, where the implementation offers one.
        repo.scopedReads().ifPresent(reads -> assertEquals(2L, (long) reads.read(Filters.in("id", a, b), "tck",
            scope -> scope.read(session -> session.query("SELECT count(*) FROM "
                + io.sqlitekit.spi.table.Identifiers.quote(repo.table().name()) + " WHERE " + scope.where().sql(),
                scope.where().params(), rows -> {
                  rows.next();
                  return rows.getLong(0);
                }))), where));
        break;
      default:
        fail("no scenario for " + op + "; the TCK must be updated for the new operation");
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // No leak with multi-tenant

  /** With multi-tenant enabled first, tenant b neither sees nor changes anything of tenant a. */
  @Test
  public void withMultiTenant_noRowCrossesTenants() {
    Setup s = setUp(true);
    CallContext base = h().context();
    StandardRepo<Map<String, Object>, Object> tenantA = s.repo().withContext(base.merge(h().tenant("a")));
    StandardRepo<Map<String, Object>, Object> tenantB = s.repo().withContext(base.merge(h().tenant("b")));
    String x1 = newId();
    String x2 = newId();
    String x3 = newId();
    String x4 = newId();
    tenantA.create(row(x1));
    tenantA.createMany(List.of(row(x2), row(x3)));
    tenantA.batch(bb -> List.of(bb.insert(row(x4))));
    String y1 = newId();
    tenantB.create(row(y1));
    List<String> xs = List.of(x1, x2, x3, x4);
    List<Map<String, Object>> before = tenantA.findAll(Filters.all(), FindOptions.defaults().withSort(Sort.parse("id")));
    assertEquals(xs, ids(before), "findAll of tenant a crossed tenants: it must see exactly its own four rows");
    assertFalse(s.recorder().takeFirings().isEmpty(), "the plugin's hooks must fire in the combined setup");

    // Reads of tenant b.
    assertFalse(tenantB.getById(x1).isPresent(), "getById crossed tenants");
    assertTrue(tenantB.getByIds(new ArrayList<>(xs)).isEmpty(), "getByIds crossed tenants");
    assertFalse(tenantB.getOne(Filters.eq("id", x1)).isPresent(), "getOne crossed tenants");
    assertEquals(List.of(y1), ids(tenantB.findAll(Filters.all())), "findAll crossed tenants");
    assertEquals(List.of(y1), ids(tenantB.getAll(PageRequest.first()).items()), "getAll (offset) crossed tenants");
    assertEquals(List.of(y1), ids(tenantB.getAll(KeysetRequest.first(Sort.parse("id"), 10)).items()),
        "getAll (keyset) crossed tenants");
    try (Stream<Map<String, Object>> rows = tenantB.stream(Filters.all(), StreamOptions.defaults())) {
      assertEquals(List.of(y1), ids(rows.collect(Collectors.toList())), "stream crossed tenants");
    }
    assertEquals(1, tenantB.count(Filters.all()), "count crossed tenants");
    assertFalse(tenantB.exists(Filters.eq("id", x1)), "exists crossed tenants");
    assertEquals(List.of(y1), tenantB.distinct("id", Filters.all()), "distinct crossed tenants");
    assertEquals(1L, ((Number) tenantB.aggregate(AggregateRequest.of("c", Measure.count())).get(0).get("c"))
        .longValue(), "aggregate crossed tenants");

    // Writes of tenant b.
    assertFalse(tenantB.update(x1, Update.set("n", 99L)).isPresent(), "update crossed tenants");
    assertFalse(tenantB.increment(x1, "n", 1).isPresent(), "increment crossed tenants");
    assertEquals(0, tenantB.updateMany(Filters.in("id", xs), Update.set("n", 99L)).matchedCount(),
        "updateMany crossed tenants");
    assertFalse(tenantB.findOneAndUpdate(Filters.eq("id", x1), Update.set("n", 99L),
        FindOneAndUpdateOptions.defaults()).isPresent(), "findOneAndUpdate crossed tenants");
    assertFalse(tenantB.delete(x1), "delete crossed tenants");
    assertEquals(0, tenantB.deleteMany(Filters.in("id", xs)), "deleteMany crossed tenants");
    List<BatchResult<Map<String, Object>>> batch = tenantB.batch(bb -> List.of(bb.update(x2, Update.set("n", 99L)),
        bb.delete(x3)));
    assertEquals(List.of(0L, 0L), batch.stream().map(BatchResult::changes).collect(Collectors.toList()),
        "batch crossed tenants");
    Map<String, Object> clash = row(x4);
    clash.put("name", "taken over");
    try {
      tenantB.upsert(clash);
    } catch (RepositoryException refused) {
      // Refusing the clash is as good as ignoring it; either way tenant a's row must stay as it was.
    }
    tenantB.withTransaction(tx -> tx.updateMany(Filters.in("id", List.of(x1, x2, y1)), Update.set("n", 98L)));
    assertEquals(98L, ((Number) tenantB.getById(y1).orElseThrow().get("n")).longValue(),
        "tenant b's own write inside its transaction must apply");

    assertEquals(before, tenantA.findAll(Filters.all(), FindOptions.defaults().withSort(Sort.parse("id"))),
        "tenant a's rows changed through tenant b");
  }

  // ---------------------------------------------------------------------------------------------------------

  private static String newId() {
    return "p" + SEQ.incrementAndGet();
  }

  private static String seed(StandardRepo<Map<String, Object>, Object> repo) {
    String id = newId();
    repo.create(row(id));
    return id;
  }

  private static Map<String, Object> row(String id) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("name", "name of " + id);
    row.put("n", 1L);
    return row;
  }

  private static List<String> ids(List<Map<String, Object>> rows) {
    return rows.stream().map(r -> (String) r.get("id")).sorted().collect(Collectors.toList());
  }
}
