package io.sqlitekit.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.plugin.softdelete.SoftDeletes;
import io.sqlitekit.plugin.tenant.Tenants;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.error.RepositoryException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A raw filter must never reach rows outside the scope that policy plugins add (issue: a raw fragment that
 * closed its own parentheses read and rewrote another tenant's rows). Real SQLite file, WAL, with
 * multi-tenant, soft-delete, timestamp and cache enabled by name, as in the report.
 */
final class RawFilterScopeIT {
  /** A tenant-owned, soft-deletable, timestamped note. */
  public record Note(String id, String organizationId, String name, Long n, Instant createdAt, Instant updatedAt,
      Instant deletedAt) {
    Note(String id, String name, long n) {
      this(id, null, name, n, null, null, null);
    }
  }

  static final TableDef NOTES = TableDef.of("notes", Column.text("id").primaryKey(), Column.text("organizationId"),
      Column.text("name"), Column.integer("n"), Column.timestamp("createdAt"), Column.timestamp("updatedAt"),
      Column.timestamp("deletedAt"));

  @TempDir
  Path dir;

  private SqliteKit kit;
  private StandardRepo<Note, String> repo;
  private StandardRepo<Note, String> asB;
  private List<String> tenantARows;

  @BeforeEach
  void open() {
    kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("notes.db"))
        .plugins("multi-tenant", "soft-delete", "timestamp", "cache").build();
    kit.createTable(NOTES);
    repo = kit.repository(NOTES, Note.class);
    StandardRepo<Note, String> asA = Tenants.forTenant(repo, "A");
    asB = Tenants.forTenant(repo, "B");
    for (int i = 1; i <= 3; i++) {
      asA.create(new Note("a" + i, "secretA-" + i, 100 + i));
      asB.create(new Note("b" + i, "b-" + i, i));
    }
    asA.delete("a3");
    asB.delete("b3");
    tenantARows = rawRows("A");
  }

  @AfterEach
  void close() {
    kit.close();
  }

  /** Tenant A's stored rows, read around the kit, for the "untouched" check. */
  private List<String> rawRows(String tenant) {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("notes.db"));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, name, n, updatedAt, deletedAt FROM notes WHERE organizationId = '"
            + tenant + "' ORDER BY id")) {
      while (rs.next()) {
        out.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getLong(3) + "|" + rs.getString(4) + "|"
            + rs.getString(5));
      }
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
    return out;
  }

  @Test
  void theReportedEscapeIsRefused() {
    Filter escape = Filters.raw("1=1) OR (1=1");
    assertThrows(ValidationException.class, () -> asB.findAll(escape));
    assertThrows(ValidationException.class, () -> asB.updateMany(escape, Update.set("name", "pwned")));
    assertThrows(ValidationException.class, () -> asB.deleteMany(escape));
    assertThrows(ValidationException.class, () -> asB.count(escape));
    assertEquals(tenantARows, rawRows("A"), "tenant A untouched");
  }

  @Test
  void balancedRawTextStaysScoped() {
    assertEquals(List.of("b1", "b2"), ids(asB.findAll(Filters.raw("1=1 OR 1=1"))));
    assertEquals(2, asB.updateMany(Filters.raw("(1=1) OR (\"organizationId\" = ?)", "A"),
        Update.set("name", "renamed")).matchedCount());
    assertEquals(List.of("b1", "b2"), ids(asB.findAll(Filters.eq("name", "renamed"))));
    assertEquals(tenantARows, rawRows("A"), "tenant A untouched");
  }

  @Test
  void subqueriesAreRefusedUnlessTheKitAllowsThem() {
    Filter oracle = Filters.raw("EXISTS (SELECT 1 FROM notes WHERE \"organizationId\" = 'A')");
    ValidationException e = assertThrows(ValidationException.class, () -> asB.findAll(oracle));
    assertTrue(e.getMessage().contains("allowRawSubqueries"), e.getMessage());
    try (SqliteKit open = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("notes.db"))
        .plugins("multi-tenant", "soft-delete").allowRawSubqueries(true).build()) {
      StandardRepo<Note, String> b = Tenants.forTenant(open.repository(NOTES, Note.class), "B");
      assertEquals(List.of("b1", "b2"), ids(b.findAll(oracle)), "outer query still scoped to B's live rows");
    }
  }

  /**
   * Random fragments built from the tokens that matter to escaping (parentheses, quotes, comments, separators,
   * parameters, keywords) under tenant B's scope: every call either fails with a typed error or touches only
   * B's live rows, and tenant A's stored rows never change.
   */
  @Test
  void fuzzedFragmentsNeverReachAnotherTenantOrADeletedRow() {
    String[] tokens = {"(", ")", "(", ")", "1=1", "1", "0", "OR", "AND", "NOT", "IS", "NULL", "=", "<>", "?", "?1",
        ":p", "@p", "$p", "'", "'A'", "'a''b'", "\"", "\"organizationId\"", "\"deletedAt\"", "\"name\"", "`n`",
        "[id]", "[", "]", "--", "/*", "*/", ";", "SELECT", "select", "FROM", "notes", "UNION", "x'41'", "||",
        "CASE", "WHEN", "THEN", "ELSE", "END", ",", "*", "-", "/", "\n", "id", "organizationId", "ORDER BY",
        "LIMIT", "1=1) OR (1=1", "') OR ('1'='1", "\") OR (\"", "\u2028", "\u0000"};
    Random rnd = new Random(0x5eed_19L);
    int cases = Integer.getInteger("sqlitekit.rawFuzz.cases", 10_000);
    int refusedByValidation = 0;
    int failedTyped = 0;
    int ran = 0;
    int foreign = 0;
    for (int i = 0; i < cases; i++) {
      String sql;
      if (i % 2 == 0) {
        sql = expression(rnd, 3);
      } else {
        StringBuilder sb = new StringBuilder();
        int len = 1 + rnd.nextInt(10);
        for (int t = 0; t < len; t++) {
          sb.append(tokens[rnd.nextInt(tokens.length)]);
          sb.append(rnd.nextInt(3) == 0 ? "" : " ");
        }
        sql = sb.toString();
      }
      if (sql.isBlank()) {
        continue;
      }
      Object[] params = new Object[countQuestionMarks(sql)];
      for (int p = 0; p < params.length; p++) {
        params[p] = rnd.nextBoolean() ? "A" : 1L;
      }
      Filter f = Filters.raw(sql, params);
      try {
        switch (i % 4) {
          case 0:
            foreign += foreignRows(asB.findAll(f));
            break;
          case 1:
            foreign += foreignRows(asB.withContext(CallContext.of(SoftDeletes.INCLUDE_DELETED, false)).findAll(f));
            break;
          case 2:
            long count = asB.count(f);
            if (count > 2) {
              foreign++;
            }
            break;
          default:
            asB.updateMany(f, Update.set("n", (long) i));
            break;
        }
        ran++;
      } catch (ValidationException e) {
        refusedByValidation++;
      } catch (RepositoryException e) {
        failedTyped++;
      } catch (RuntimeException e) {
        fail("untyped " + e + " for raw fragment " + sql, e);
      }
    }
    List<String> aAfter = rawRows("A");
    System.out.printf("raw filter fuzz under tenant scope: %d fragments, %d refused by validation, %d failed with a "
        + "typed SQL error, %d ran; %d foreign or deleted rows seen; tenant A rows %s%n", cases, refusedByValidation,
        failedTyped, ran, foreign, aAfter.equals(tenantARows) ? "unchanged" : "CHANGED");
    assertEquals(0, foreign, "rows of another tenant or deleted rows reached tenant B");
    assertEquals(tenantARows, aAfter, "tenant A's rows were modified through tenant B's scope");
    assertTrue(ran > cases / 4, "the fuzz must also run fragments that pass validation, ran " + ran);
  }

  /** Well-formed expressions whose literals and identifiers hold the characters that matter to escaping. */
  private static final String[] ATOMS = {"1=1", "0", "\"organizationId\" = 'A'", "\"organizationId\" <> ?",
      "\"deletedAt\" IS NOT NULL", "\"deletedAt\" IS NULL", "\"name\" LIKE '%) OR (%'", "'--' = '--'",
      "'/*' <> '*/'", "\"n\" > ?", "\"id\" IN ('a1', 'b1', ')')", "[id] = 'a1'", "`n` BETWEEN 0 AND ?",
      "CASE WHEN \"n\" > 2 THEN 1 ELSE 0 END", "length(\"name\") > 3", "\"name\" = 'x'';--'",
      "coalesce(\"deletedAt\", 'none') = 'none'", "\"organizationId\" || ')' = 'A)'", "x'29' = x'29'"};

  private static String expression(Random rnd, int depth) {
    if (depth == 0 || rnd.nextInt(3) == 0) {
      return ATOMS[rnd.nextInt(ATOMS.length)];
    }
    String a = expression(rnd, depth - 1);
    String b = expression(rnd, depth - 1);
    switch (rnd.nextInt(4)) {
      case 0:
        return "(" + a + ") OR (" + b + ")";
      case 1:
        return a + " OR " + b;
      case 2:
        return a + " AND\n" + b;
      default:
        return "NOT (" + a + ")";
    }
  }

  private static int countQuestionMarks(String sql) {
    int n = 0;
    for (int i = 0; i < sql.length(); i++) {
      if (sql.charAt(i) == '?') {
        n++;
      }
    }
    return n;
  }

  private static int foreignRows(List<Note> rows) {
    int n = 0;
    for (Note r : rows) {
      if (!"B".equals(r.organizationId()) || r.deletedAt() != null) {
        n++;
      }
    }
    return n;
  }

  private static List<String> ids(List<Note> rows) {
    List<String> out = new ArrayList<>();
    rows.forEach(r -> out.add(r.id()));
    out.sort(null);
    return out;
  }
}
