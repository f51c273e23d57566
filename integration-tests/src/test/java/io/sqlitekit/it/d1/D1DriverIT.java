package io.sqlitekit.it.d1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.core.SqliteRepository;
import io.sqlitekit.spi.driver.DriverProvider;
import io.sqlitekit.spi.error.ConstraintViolationException;
import io.sqlitekit.spi.error.DataAccessException;
import io.sqlitekit.spi.error.DuplicateKeyException;
import io.sqlitekit.spi.error.OperationNotSupportedException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The D1 driver under the kit against a real local D1 ({@code wrangler dev --local}, see {@link LocalD1}):
 * discovery, atomic multi-row requests, the refusals that keep writes all-or-nothing, and error translation with
 * D1's own error texts. The TCK runs on the same local D1 through the {@code d1} harnesses.
 */
class D1DriverIT extends AtomicScenarios {
  private static final TableDef ITEMS = TableDef.of("d1_items",
      Column.text("id").primaryKey(),
      Column.text("name").notNull().unique(),
      Column.integer("n"));

  @TempDir
  Path dir;
  private SqliteKit kit;
  private SqliteRepository<Map<String, Object>, Object> items;

  @BeforeEach
  void open() {
    kit = SqliteKit.builder().url(LocalD1.url()).build();
    LocalD1.dropAll(kit);
    kit.createTable(ITEMS);
    items = kit.documents(ITEMS);
  }

  @AfterEach
  void close() {
    if (kit != null) {
      kit.close();
    }
  }

  private static Map<String, Object> item(String id, String name, Long n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("name", name);
    m.put("n", n);
    return m;
  }

  @Test
  void serviceLoader_findsTheD1DriverForItsUrlsOnly() {
    List<String> accepting = new ArrayList<>();
    for (DriverProvider p : ServiceLoader.load(DriverProvider.class)) {
      if (p.accepts("d1+http://127.0.0.1:8787/DB") && p.accepts("d1://acct/db")) {
        accepting.add(p.name());
      }
      if (p.name().equals("d1")) {
        assertFalse(p.accepts("jdbc:sqlite:x.db"));
      }
    }
    assertEquals(List.of("d1"), accepting);
    assertFalse(kit.driver().interactiveTransactions());
    assertFalse(items.capabilities().supports(io.sqlitekit.spi.Capability.TRANSACTIONS));
    assertTrue(items.capabilities().supports(io.sqlitekit.spi.Capability.BATCH));
    assertFalse(items.capabilities().supports(io.sqlitekit.spi.Capability.REGEX_FILTER));
    assertTrue(items.capabilities().supports(io.sqlitekit.spi.Capability.UPSERT));
  }

  @Test
  void repositoryCalls_workUnchanged() {
    items.create(item("a", "Ann", 1L));
    items.createMany(List.of(item("b", "Bob", 2L), item("c", "Cid", 3L)));
    assertEquals(3, items.count(Filters.all()));
    assertEquals(2L, ((Number) items.increment("a", "n", 1).orElseThrow().get("n")).longValue());
    assertEquals(List.of("c"), items.findAll(Filters.gte("n", 3L)).stream().map(m -> m.get("id")).toList());
    assertTrue(items.delete("c"));
    assertEquals(2, items.count(Filters.all()));
  }

  @Test
  void createMany_failingOnItsThirdRow_leavesNoTraceOfTheFirstTwo() {
    items.create(item("x", "taken", 0L));
    assertThrows(DuplicateKeyException.class, () -> items.createMany(List.of(item("a", "Ann", 1L),
        item("b", "Bob", 2L), item("c", "taken", 3L))));
    assertEquals(List.of("x"), items.findAll(Filters.all()).stream().map(m -> m.get("id")).toList());
  }

  @Test
  void driverBatch_failingOnItsThirdStatement_leavesNoTrace() {
    ConstraintViolationException e = assertThrows(ConstraintViolationException.class,
        () -> kit.driver().write(s -> s.batch("INSERT INTO d1_items (id, name, n) VALUES (?, ?, ?)",
            List.of(List.of("a", "Ann", 1L), List.of("b", "Bob", 2L), java.util.Arrays.asList("c", null, 3L)))));
    assertTrue(e.getMessage().contains("NOT NULL"), e.getMessage());
    assertEquals(0, items.count(Filters.all()));
  }

  @Test
  void transactions_refusedNamingD1_beforeAnythingRuns() {
    AtomicBoolean ran = new AtomicBoolean();
    OperationNotSupportedException tx = assertThrows(OperationNotSupportedException.class,
        () -> items.withTransaction(r -> {
          ran.set(true);
          return r.create(item("a", "Ann", 1L));
        }));
    assertTrue(tx.getMessage().contains("Cloudflare D1"), tx.getMessage());
    assertThrows(OperationNotSupportedException.class, () -> kit.inTransaction(() -> {
      ran.set(true);
      return null;
    }));
    assertFalse(ran.get());
    assertEquals(0, items.count(Filters.all()));
  }

  @Override
  SqliteKit openUnderTest(SqliteKit.Builder b) {
    SqliteKit k = b.url(LocalD1.url()).build();
    LocalD1.dropAll(k);
    return k;
  }


  @Test
  void readThenWrite_isOneRequestEach() {
    items.create(item("a", "Ann", 1L));
    List<io.sqlitekit.spi.driver.StatementEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (SqliteKit k = SqliteKit.builder().url(LocalD1.url()).statementListener(events::add).build()) {
      SqliteRepository<Map<String, Object>, Object> r = k.documents(ITEMS);
      events.clear();
      r.findOneAndUpdate(Filters.eq("name", "Ann"), io.sqlitekit.spi.update.Update.inc("n", 1),
          io.sqlitekit.spi.FindOneAndUpdateOptions.defaults());
      r.getOrCreate(Filters.eq("name", "Bob"), item("b", "Bob", 1L));
      r.increment("a", "n", 1);
      assertEquals(List.of(io.sqlitekit.spi.driver.StatementEvent.Kind.SCRIPT,
          io.sqlitekit.spi.driver.StatementEvent.Kind.SCRIPT, io.sqlitekit.spi.driver.StatementEvent.Kind.SCRIPT),
          events.stream().map(io.sqlitekit.spi.driver.StatementEvent::kind).toList(), events.toString());
    }
    assertEquals(3L, items.getById("a").orElseThrow().get("n"));
  }

  @Test
  void batchOnD1_isOneRequest() {
    List<io.sqlitekit.spi.driver.StatementEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (SqliteKit k = SqliteKit.builder().url(LocalD1.url()).statementListener(events::add).build()) {
      SqliteRepository<Map<String, Object>, Object> r = k.documents(ITEMS);
      events.clear();
      r.batch(b -> List.of(b.insert(item("a", "Ann", 1L)), b.update("a", io.sqlitekit.spi.update.Update.inc("n", 2)),
          b.delete("zzz")));
      assertEquals(1, events.size(), events.toString());
      assertEquals(io.sqlitekit.spi.driver.StatementEvent.Kind.SCRIPT, events.get(0).kind());
    }
    assertEquals(3L, items.getById("a").orElseThrow().get("n"));
  }

  @Test
  void transactionSql_refusedByD1_typed() {
    OperationNotSupportedException e = assertThrows(OperationNotSupportedException.class,
        () -> kit.execute("SAVEPOINT sp1"));
    assertTrue(e.getMessage().contains("Cloudflare D1"), e.getMessage());
  }

  @Test
  void secondWriteInOneUnit_refusedBeforeItIsSent_theFirstStood() {
    OperationNotSupportedException e = assertThrows(OperationNotSupportedException.class,
        () -> kit.driver().write(s -> {
          s.update("INSERT INTO d1_items (id, name, n) VALUES (?, ?, ?)", List.of("a", "Ann", 1L));
          return s.update("INSERT INTO d1_items (id, name, n) VALUES (?, ?, ?)", List.of("b", "Bob", 2L));
        }));
    assertTrue(e.getMessage().contains("committed on its own"), e.getMessage());
    // The documented consequence of raw driver work with two writes: D1 had already committed the first.
    assertEquals(List.of("a"), items.findAll(Filters.all()).stream().map(m -> m.get("id")).toList());
  }

  @Test
  void auditTableExporter_refusedAtConfiguration_nothingWritten() {
    io.sqlitekit.spi.error.ConfigurationException e = assertThrows(
        io.sqlitekit.spi.error.ConfigurationException.class, () -> kit.repository(ITEMS,
            io.sqlitekit.spi.table.RowMapper.documents(), List.of(io.sqlitekit.plugin.audit.AuditPlugin.create(
                io.sqlitekit.plugin.audit.AuditOptions.defaults().withExporterNames("table")))));
    assertTrue(e.getMessage().contains("Cloudflare D1"), e.getMessage());
  }

  @Test
  void d1ErrorTexts_translatedIntoTheFamily() {
    items.create(item("a", "Ann", 1L));
    DuplicateKeyException dup = assertThrows(DuplicateKeyException.class,
        () -> items.create(item("b", "Ann", 2L)));
    assertTrue(dup.getMessage().contains("d1_items.name"), dup.getMessage());
    assertThrows(DuplicateKeyException.class, () -> items.create(item("a", "Other", 2L)));
    DataAccessException syntax = assertThrows(DataAccessException.class,
        () -> kit.driver().read(s -> s.query("SELEC 1", List.of(), rs -> null)));
    assertTrue(syntax.getMessage().contains("syntax error"), syntax.getMessage());
    DataAccessException table = assertThrows(DataAccessException.class,
        () -> kit.driver().read(s -> s.query("SELECT * FROM missing_table", List.of(), rs -> null)));
    assertTrue(table.getMessage().contains("no such table"), table.getMessage());
    List<Object> params = new ArrayList<>();
    StringBuilder in = new StringBuilder();
    for (int i = 0; i < 101; i++) {
      params.add("id" + i);
      in.append(i == 0 ? "?" : ", ?");
    }
    ValidationException tooMany = assertThrows(ValidationException.class, () -> kit.driver().read(s -> s.query(
        "SELECT id FROM d1_items WHERE id IN (" + in + ")", params, rs -> null)));
    assertTrue(tooMany.getMessage().contains("100 bound parameters"), tooMany.getMessage());
  }

  @Test
  void integerBeyondDoublePrecision_readRefusedNotRounded() {
    long big = (1L << 53) + 1;
    // The write is exact (the client sends integers as literals), and so is the created document, built from what
    // was bound; reading the row back through JSON is not, so that read is refused.
    assertEquals(big, items.create(item("a", "Ann", big)).get("n"));
    assertThrows(DataAccessException.class, () -> items.getById("a"));
    long stored = kit.driver().read(s -> s.query("SELECT CAST(n AS TEXT) AS n FROM d1_items WHERE id = ?",
        List.of("a"), rs -> rs.next() ? Long.parseLong(rs.getString(0)) : -1L));
    assertEquals(big, stored);
  }
}
