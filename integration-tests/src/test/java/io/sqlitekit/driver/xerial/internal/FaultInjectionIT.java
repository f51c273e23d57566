package io.sqlitekit.driver.xerial.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.mockito.Mockito.mock;

import io.sqlitekit.core.Batch;
import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.core.SqliteRepository;
import io.sqlitekit.spi.StreamOptions;
import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.error.DataAccessException;
import io.sqlitekit.spi.error.RepositoryException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Fault injection under the kit: the xerial driver's connections are wrapped (Mockito, through the driver's
 * package-private {@link XerialDriver#connectionWrapper} seam) so that the n-th statement execution of an
 * operation fails with SQLITE_FULL, SQLITE_IOERR or SQLITE_CORRUPT, for every n the operation has (BEGIN
 * IMMEDIATE, each write, SAVEPOINT/RELEASE, COMMIT), or a result set dies mid-stream. A real file cannot be
 * made to fail on demand at one chosen statement; everything else here is real SQLite.
 *
 * <p>After every injected failure: the kit threw the typed {@link DataAccessException} carrying the injected
 * code, the rows are exactly as before (read over a separate plain JDBC connection), the writer is free at
 * once (a write from another thread and a write from another connection with busy_timeout 0 both succeed),
 * and no reader connection is held (as many concurrent streams as the pool has all open). At the end every
 * connection the driver opened is closed.
 */
class FaultInjectionIT {
  private static final TableDef ITEMS = TableDef.of("items", Column.text("id").primaryKey(),
      Column.text("name").notNull(), Column.integer("qty"));
  private static final TableDef PROBE = TableDef.of("probe", Column.text("id").primaryKey());
  private static final List<SQLiteErrorCode> CODES = List.of(SQLiteErrorCode.SQLITE_FULL,
      SQLiteErrorCode.SQLITE_IOERR, SQLiteErrorCode.SQLITE_CORRUPT);
  private static final int READERS = 2;
  private static final Set<String> EXECUTES = Set.of("execute", "executeQuery", "executeUpdate", "executeBatch",
      "executeLargeUpdate", "executeLargeBatch");

  @TempDir
  Path dir;

  private final Faults faults = new Faults();
  private UnaryOperator<Connection> savedWrapper;
  private String url;
  private SqliteKit kit;
  private SqliteRepository<Map<String, Object>, Object> items;
  private SqliteRepository<Map<String, Object>, Object> probe;
  private final AtomicInteger probes = new AtomicInteger();
  private final ExecutorService threads = Executors.newFixedThreadPool(READERS + 1);

  @BeforeEach
  void open() throws SQLException {
    url = "jdbc:sqlite:" + dir.resolve("faults.db");
    savedWrapper = XerialDriver.connectionWrapper;
    XerialDriver.connectionWrapper = faults::wrap;
    kit = SqliteKit.builder().url(url).driverOptions(DriverOptions.defaults().withReaderPoolSize(READERS)
        .withWriteLockTimeout(Duration.ofSeconds(2))).build();
    kit.createTableIfNotExists(ITEMS);
    kit.createTableIfNotExists(PROBE);
    items = kit.documents(ITEMS);
    probe = kit.documents(PROBE);
    reset();
  }

  @AfterEach
  void close() {
    try {
      if (kit != null) {
        kit.close();
        for (Connection c : faults.opened) {
          try {
            assertTrue(c.isClosed(), "a connection the driver opened is still open after close()");
          } catch (SQLException e) {
            fail(e);
          }
        }
        assertFalse(faults.opened.isEmpty());
      }
    } finally {
      XerialDriver.connectionWrapper = savedWrapper;
      threads.shutdownNow();
    }
  }

  @Test
  void create() throws Exception {
    // The row carries its key and the table fills no omitted column: one autocommit INSERT.
    everyStepFails("create", () -> items.create(row("n1", "new", 1)), true);
  }

  @Test
  void update() throws Exception {
    everyStepFails("update", () -> items.update("a", Update.set("qty", 99)));
  }

  @Test
  void delete() throws Exception {
    everyStepFails("delete", () -> items.delete("b"), true);
  }

  @Test
  void createMany() throws Exception {
    everyStepFails("createMany", () -> items.createMany(List.of(row("n1", "x", 1), row("n2", "y", 2),
        row("n3", "z", 3))));
  }

  @Test
  void batch() throws Exception {
    everyStepFails("batch", () -> Batch.run(kit, b -> List.of(b.on(items).insert(row("n1", "x", 1)),
        b.on(items).insert(row("n2", "y", 2)), b.on(items).update("a", Update.set("qty", 7)),
        b.on(items).delete("c"))));
  }

  @Test
  void withTransaction_includingANestedOne() throws Exception {
    everyStepFails("withTransaction", () -> items.withTransaction(tx -> {
      tx.create(row("n1", "x", 1));
      tx.update("a", Update.set("qty", 5));
      tx.withTransaction(inner -> inner.delete("b"));
      return tx.delete("c");
    }));
  }

  @Test
  void resultSetDiesMidStream() throws Exception {
    List<String> before = snapshot();
    for (SQLiteErrorCode code : CODES) {
      faults.failRowAt(2, code);
      RepositoryException e = assertThrows(RepositoryException.class, () -> {
        try (Stream<Map<String, Object>> s = items.stream(Filters.all(), StreamOptions.defaults())) {
          s.forEach(r -> { });
        }
      }, "a stream whose result set fails must throw");
      assertTyped(e, code, "stream");
      assertEquals(-1, faults.rowFailAt, "the fault fired");
      assertClean(before, "stream/" + code);
    }
  }

  /** Records the operation's statement executions, then fails each one with each code in turn. */
  private void everyStepFails(String op, Runnable operation) throws Exception {
    everyStepFails(op, operation, false);
  }

  /**
   * Like {@link #everyStepFails(String, Runnable)}; {@code oneStatement} for an operation the kit runs as one
   * autocommit statement (a delete by key, an insert carrying its key): its only step is that statement, which
   * SQLite applies atomically.
   */
  private void everyStepFails(String op, Runnable operation, boolean oneStatement) throws Exception {
    List<String> before = snapshot();
    faults.record();
    operation.run();
    List<String> steps = faults.stopRecording();
    if (oneStatement) {
      assertEquals(1, steps.size(), op + " runs as one autocommit statement: " + steps);
    } else {
      assertTrue(steps.contains("BEGIN IMMEDIATE") && steps.contains("COMMIT"),
          op + " runs in a write transaction: " + steps);
    }
    reset();
    assertEquals(before, snapshot());
    System.out.printf("fault injection %s: %d statement executions %s x %d codes, each left the database"
        + " unchanged and the writer free%n", op, steps.size(), steps, CODES.size());
    for (int step = 1; step <= steps.size(); step++) {
      for (SQLiteErrorCode code : CODES) {
        String what = op + " step " + step + "/" + steps.size() + " (" + steps.get(step - 1) + ") " + code;
        faults.failExecution(step, code);
        RepositoryException e = assertThrows(RepositoryException.class, operation::run, what + " must fail");
        assertEquals(-1, faults.failAt, what + ": the fault fired");
        assertTyped(e, code, what);
        assertClean(before, what);
      }
    }
  }

  private static void assertTyped(RepositoryException e, SQLiteErrorCode code, String what) {
    assertInstanceOf(DataAccessException.class, e, what + ": " + e);
    assertFalse(e.isTransient(), what + ": a disk or corruption failure is not reported as retryable");
    Throwable t = e;
    while (t != null && !(t instanceof SQLiteException)) {
      t = t.getCause();
    }
    assertTrue(t != null && ((SQLiteException) t).getResultCode() == code, what + ": carries " + code + ", " + e);
  }

  /** Rows unchanged, writer free from another thread and another connection, no reader held. */
  private void assertClean(List<String> before, String what) throws Exception {
    assertEquals(before, snapshot(), what + ": the database must be as before");
    String id = "p" + probes.incrementAndGet();
    long t0 = System.nanoTime();
    CompletableFuture.runAsync(() -> probe.create(Map.of("id", id)), threads).get(1, TimeUnit.SECONDS);
    assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(1), what + ": the writer lock is free");
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 0");
      s.executeUpdate("INSERT INTO probe (id) VALUES ('x" + id + "')");
    }
    CyclicBarrier allOpen = new CyclicBarrier(READERS);
    List<CompletableFuture<Void>> readers = new ArrayList<>();
    for (int i = 0; i < READERS; i++) {
      // Own threads, not the common pool: on 2 cores it has one worker, and the barrier needs them all at once.
      readers.add(CompletableFuture.runAsync(() -> {
        try (Stream<Map<String, Object>> s = items.stream(Filters.all(), StreamOptions.defaults())) {
          s.iterator().hasNext();
          allOpen.await(2, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, threads));
    }
    for (CompletableFuture<Void> r : readers) {
      r.get(3, TimeUnit.SECONDS);
    }
  }

  private List<String> snapshot() throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, name, qty FROM items ORDER BY id")) {
      while (rs.next()) {
        rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
      }
    }
    return rows;
  }

  private void reset() throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 2000");
      s.executeUpdate("DELETE FROM items");
      s.executeUpdate("INSERT INTO items (id, name, qty) VALUES ('a', 'apple', 1), ('b', 'banana', 2),"
          + " ('c', 'cherry', 3), ('d', 'date', 4)");
    }
  }

  private static Map<String, Object> row(String id, String name, int qty) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("name", name);
    m.put("qty", qty);
    return m;
  }

  /** The fault plan, shared by every wrapped JDBC object of one driver. */
  static final class Faults {
    final List<Connection> opened = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger executions = new AtomicInteger();
    private final AtomicInteger rows = new AtomicInteger();
    private volatile List<String> recorded;
    volatile int failAt = -1;
    volatile int rowFailAt = -1;
    private volatile SQLiteErrorCode code;

    void record() {
      recorded = Collections.synchronizedList(new ArrayList<>());
    }

    List<String> stopRecording() {
      List<String> r = List.copyOf(recorded);
      recorded = null;
      return r;
    }

    void failExecution(int step, SQLiteErrorCode c) {
      code = c;
      executions.set(0);
      failAt = step;
    }

    void failRowAt(int row, SQLiteErrorCode c) {
      code = c;
      rows.set(0);
      rowFailAt = row;
    }

    Connection wrap(Connection real) {
      opened.add(real);
      return proxy(Connection.class, real, null);
    }

    private void beforeExecute(String sql) throws SQLException {
      List<String> r = recorded;
      if (r != null) {
        r.add(sql);
      }
      if (executions.incrementAndGet() == failAt) {
        failAt = -1;
        throw injected();
      }
    }

    private void beforeNext() throws SQLException {
      if (rowFailAt > 0 && rows.incrementAndGet() == rowFailAt) {
        rowFailAt = -1;
        throw injected();
      }
    }

    private SQLiteException injected() {
      return new SQLiteException("[" + code.name() + "] injected fault (" + code.message + ")", code);
    }

    /** A Mockito mock of an interface that forwards every call to the real object, failing on the plan. */
    private <T> T proxy(Class<T> type, T real, String sql) {
      return mock(type, inv -> {
        Method m = inv.getMethod();
        Object[] args = inv.getArguments();
        if (EXECUTES.contains(m.getName()) && (type == PreparedStatement.class || type == Statement.class)) {
          beforeExecute(sql != null ? sql : String.valueOf(args.length > 0 ? args[0] : ""));
        }
        if (type == ResultSet.class && m.getName().equals("next")) {
          beforeNext();
        }
        Object result;
        try {
          result = m.invoke(real, args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
        if (result instanceof PreparedStatement) {
          return proxy(PreparedStatement.class, (PreparedStatement) result, (String) args[0]);
        } else if (result instanceof Statement) {
          return proxy(Statement.class, (Statement) result, null);
        } else if (result instanceof ResultSet) {
          return proxy(ResultSet.class, (ResultSet) result, null);
        }
        return result;
      });
    }
  }
}
