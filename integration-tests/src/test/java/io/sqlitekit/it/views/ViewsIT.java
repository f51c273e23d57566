package io.sqlitekit.it.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.Batch;
import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.core.SqliteRepository;
import io.sqlitekit.core.schema.Indexes;
import io.sqlitekit.plugin.tenant.TenantOptions;
import io.sqlitekit.plugin.tenant.TenantPlugin;
import io.sqlitekit.plugin.tenant.Tenants;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.Capability;
import io.sqlitekit.spi.driver.StatementEvent;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.ErrorCode;
import io.sqlitekit.spi.error.ReadOnlyException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import io.sqlitekit.tck.TckDoc;
import io.sqlitekit.tck.TckDocs;
import io.sqlitekit.tck.TckSchema;
import io.sqlitekit.tck.WriteAttempts;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Views on the SQLite kit beyond the TCK: a refused write runs no statement at all (not even BEGIN), schema
 * helpers never create a table for a view, {@code createView} checks what it is given, and a policy plugin
 * scopes a view's reads or refuses a view that cannot be scoped.
 */
final class ViewsIT {
  private static final TableDef VIEW = TckSchema.TABLE.withName("tck_active").asView();

  @TempDir
  Path dir;

  private final List<StatementEvent> statements = new CopyOnWriteArrayList<>();

  private SqliteKit open(SqliteKit.Builder b) {
    return b.url("jdbc:sqlite:" + dir.resolve("views.db")).statementListener(statements::add).build();
  }

  @Test
  void everyWrite_refusedBeforeAnyStatement() {
    try (SqliteKit kit = open(SqliteKit.builder())) {
      kit.createTable(TckSchema.TABLE);
      kit.createView(VIEW, TckSchema.TABLE, Filters.eq("active", true));
      SqliteRepository<TckDoc, String> base = kit.repository(TckSchema.TABLE, TckDoc.class);
      SqliteRepository<TckDoc, String> view = kit.repository(VIEW, TckDoc.class);
      base.create(TckDocs.doc("a1"));
      Map<String, Runnable> attempts = WriteAttempts.all(view, "a1");
      for (Map.Entry<String, Runnable> attempt : attempts.entrySet()) {
        statements.clear();
        ReadOnlyException e = assertThrows(ReadOnlyException.class, attempt.getValue()::run, attempt.getKey());
        assertEquals(ErrorCode.READ_ONLY, e.code());
        assertEquals(List.of(), statements, attempt.getKey() + " ran statements");
      }
      // A cross-repository batch is refused before its transaction, even after a statement on a table.
      statements.clear();
      assertThrows(ReadOnlyException.class, () -> Batch.run(kit, b -> List.of(
          b.on(base).update("a1", Update.set("count", 5L)), b.on(view).delete("a1"))));
      assertEquals(List.of(), statements, "Batch.run ran statements");
      assertEquals(0L, base.getById("a1").orElseThrow().count(), "nothing applied");
      assertEquals(1L, view.count(Filters.all()), "the view still reads");
    }
  }

  /**
   * A view's repository reports only read capabilities (its table keeps all), and its {@code withTransaction}
   * is refused before BEGIN; inside the table's transaction the view's reads join it and see its writes.
   */
  @Test
  void viewRepository_readCapabilitiesOnly_withTransactionRefusedBeforeBegin() {
    try (SqliteKit kit = open(SqliteKit.builder())) {
      kit.createTable(TckSchema.TABLE);
      kit.createView(VIEW, TckSchema.TABLE, Filters.eq("active", true));
      SqliteRepository<TckDoc, String> base = kit.repository(TckSchema.TABLE, TckDoc.class);
      SqliteRepository<TckDoc, String> view = kit.repository(VIEW, TckDoc.class);
      base.create(TckDocs.doc("a1"));
      assertEquals(base.capabilities().readOnly(), view.capabilities());
      assertTrue(view.capabilities().supported().stream().noneMatch(Capability::writes),
          view.capabilities().toString());
      assertTrue(view.capabilities().supports(Capability.LOOKUPS) && base.capabilities().supports(
          Capability.NESTED_TRANSACTIONS), view.capabilities() + " / " + base.capabilities());
      statements.clear();
      boolean[] ran = {false};
      ReadOnlyException e = assertThrows(ReadOnlyException.class, () -> view.withTransaction(r -> {
        ran[0] = true;
        return r.count(Filters.all());
      }));
      assertTrue(e.getMessage().contains("withTransaction"), e.getMessage());
      assertEquals(List.of(), statements, "no BEGIN, no statement");
      assertTrue(!ran[0], "the body never ran");
      assertEquals(Long.valueOf(2L), base.withTransaction(r -> {
        r.create(TckDocs.doc("a2"));
        return view.count(Filters.all());
      }), "the view's read joins the table's transaction");
    }
  }

  @Test
  void schemaHelpers_neverCreateATableForAView_andCheckTheirInput() {
    try (SqliteKit kit = open(SqliteKit.builder())) {
      kit.createTable(TckSchema.TABLE);
      statements.clear();
      assertThrows(ValidationException.class, () -> kit.createTable(VIEW));
      assertThrows(ValidationException.class, () -> kit.createTableIfNotExists(VIEW));
      assertThrows(ValidationException.class, () -> Indexes.create(VIEW, List.of("name"), false, null, null, true,
          null), "a view cannot be indexed");
      assertThrows(ValidationException.class, () -> kit.createView(TckSchema.TABLE, "SELECT 1"),
          "a table definition is not a view");
      assertThrows(ValidationException.class, () -> kit.createView(VIEW, "DELETE FROM tck_docs"));
      assertThrows(ValidationException.class, () -> kit.createView(VIEW, "SELECT * FROM tck_docs; DROP TABLE x"));
      assertThrows(ValidationException.class, () -> kit.createView(VIEW, "SELECT * FROM tck_docs -- c"));
      assertThrows(ValidationException.class, () -> kit.createView(VIEW, "SELECT * FROM tck_docs WHERE id = ?"));
      TableDef wrongType = TableDef.view("v_bad", Column.integer("id").primaryKey());
      ValidationException e = assertThrows(ValidationException.class,
          () -> kit.createView(wrongType, TckSchema.TABLE, Filters.all()));
      assertTrue(e.getMessage().contains("\"id\""), e.getMessage());
      assertThrows(ValidationException.class,
          () -> kit.createView(TableDef.view("v_unknown", Column.text("nope").primaryKey()), TckSchema.TABLE,
              Filters.all()));
      assertEquals(List.of(), statements, "every refusal happened before SQL");
      assertEquals(List.of("tck_docs"), kit.driver().read(s -> s.query(
          "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name", List.of(), rs -> {
            List<String> names = new java.util.ArrayList<>();
            while (rs.next()) {
              names.add(rs.getString(0));
            }
            return names;
          })));
    }
  }

  @Test
  void createView_fromQuery_readsThroughTheView_withRenamedColumnsAndLiteralValues() {
    TableDef summary = TableDef.view("tck_summary", Column.text("id").primaryKey(),
        Column.text("label").sqlName("label_text"), Column.integer("doubled"));
    try (SqliteKit kit = open(SqliteKit.builder())) {
      kit.createTable(TckSchema.TABLE);
      kit.createView(summary, "SELECT id, name || '!' AS label_text, count * 2 AS doubled FROM tck_docs"
          + " WHERE category = 'it''s'");
      SqliteRepository<TckDoc, String> base = kit.repository(TckSchema.TABLE, TckDoc.class);
      base.create(TckDocs.doc("a", "it's", 4L));
      base.create(TckDocs.doc("b", "other", 1L));
      SqliteRepository<Map<String, Object>, Object> view = kit.documents(summary);
      assertEquals(List.of(Map.of("id", "a", "label", "a!", "doubled", 8L)), view.findAll(Filters.all()));
      // The structured form writes filter values as literals, quotes included.
      TableDef quoted = TckSchema.TABLE.withName("tck_quoted").asView();
      kit.createView(quoted, TckSchema.TABLE, Filters.eq("category", "it's"));
      assertEquals(List.of("a"), kit.repository(quoted, TckDoc.class).findAll(Filters.all()).stream()
          .map(TckDoc::id).toList());
    }
  }

  @Test
  void multiTenant_scopesAViewWithTheTenantColumn_andRefusesOneWithout() {
    TableDef table = TckSchema.TABLE.withColumn(Column.text("organizationId"));
    TableDef scoped = table.withName("tck_active_scoped").asView();
    try (SqliteKit kit = open(SqliteKit.builder().plugin(TenantPlugin.create(TenantOptions.defaults())))) {
      kit.createTable(table);
      kit.createView(scoped, table, Filters.eq("active", true));
      SqliteRepository<TckDoc, String> base = kit.repository(table, TckDoc.class);
      base.withContext(CallContext.of(Tenants.TENANT_ID, "t1")).create(TckDocs.doc("mine"));
      base.withContext(CallContext.of(Tenants.TENANT_ID, "t2")).create(TckDocs.doc("theirs"));
      SqliteRepository<TckDoc, String> view = kit.repository(scoped, TckDoc.class);
      assertEquals(List.of("mine"), view.withContext(CallContext.of(Tenants.TENANT_ID, "t1"))
          .findAll(Filters.all()).stream().map(TckDoc::id).toList());
      assertEquals(0L, view.withContext(CallContext.of(Tenants.TENANT_ID, "t1")).count(Filters.eq("id", "theirs")));
      // A view that drops the tenant column cannot be scoped: the plugin refuses it rather than leak rows.
      TableDef unscoped = TckSchema.TABLE.withName("tck_active_unscoped").asView();
      kit.createView(unscoped, table, Filters.eq("active", true));
      assertThrows(ConfigurationException.class, () -> kit.repository(unscoped, TckDoc.class));
    }
  }
}
