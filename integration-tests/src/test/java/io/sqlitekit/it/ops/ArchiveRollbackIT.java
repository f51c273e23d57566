package io.sqlitekit.it.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.driver.PragmaPreset;
import io.sqlitekit.spi.error.RepositoryException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code archiveByFilter} failing half-way on a real SQLite file: the copy into the archive has run when the
 * delete from the source fails (a trigger aborts it), and both tables must be exactly as before. The rows are
 * read back through a separate JDBC connection, so what is checked is what is committed on disk.
 */
final class ArchiveRollbackIT {
  /** An order row. */
  public record Order(String id, String state, Long total) {
  }

  static final TableDef ORDERS = TableDef.of("orders", Column.text("id").primaryKey(), Column.text("state"),
      Column.integer("total"));
  /** The archive: the same columns plus when the row was archived (nullable, so the move need not fill it). */
  static final TableDef ARCHIVE = TableDef.of("orders_archive", Column.text("id").primaryKey(),
      Column.text("state"), Column.integer("total"), Column.timestamp("archivedAt"));

  @TempDir
  Path dir;

  @Test
  void deleteFailsAfterCopy_bothTablesUnchanged_thenMoveSucceeds() throws Exception {
    Path file = dir.resolve("orders.db");
    try (SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + file).preset(PragmaPreset.PRODUCTION).build()) {
      kit.createTable(ORDERS);
      kit.createTable(ARCHIVE);
      StandardRepo<Order, String> orders = kit.repository(ORDERS, Order.class);
      List<Order> seed = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        seed.add(new Order(String.format("o%02d", i), i < 12 ? "closed" : "open", (long) i));
      }
      orders.createMany(seed);
      // The delete of o07 aborts: the INSERT … SELECT into the archive already ran in the same transaction.
      kit.driver().write(s -> s.update("CREATE TRIGGER orders_guard BEFORE DELETE ON orders WHEN old.id = 'o07' "
          + "BEGIN SELECT RAISE(ABORT, 'o07 is on legal hold'); END", List.of()));
      List<String> before = rows(file, "orders");
      RepositoryException e = assertThrows(RepositoryException.class,
          () -> orders.archiveByFilter(Filters.eq("state", "closed"), ARCHIVE));
      assertTrue(e.getMessage().contains("legal hold") || String.valueOf(e.getCause()).contains("legal hold"),
          e.toString());
      assertEquals(before, rows(file, "orders"), "the source is unchanged");
      assertEquals(List.of(), rows(file, "orders_archive"), "nothing was left in the archive");

      kit.driver().write(s -> s.update("DROP TRIGGER orders_guard", List.of()));
      assertEquals(12L, orders.archiveByFilter(Filters.eq("state", "closed"), ARCHIVE));
      assertEquals(8, rows(file, "orders").size());
      List<String> archived = rows(file, "orders_archive");
      assertEquals(12, archived.size());
      assertEquals("o00|closed|0|null", archived.get(0), "every column copied, the extra one left NULL");
    }
  }

  /** Every row of a table as "v1|v2|…" in key order, read through a connection of its own. */
  private static List<String> rows(Path file, String table) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM \"" + table + "\" ORDER BY id")) {
      List<String> out = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          sb.append(i == 1 ? "" : "|").append(rs.getObject(i));
        }
        out.add(sb.toString());
      }
      return out;
    }
  }
}
