package io.sqlitekit.plugin.timestamp;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.TableDef;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Opens kits on a real SQLite file (WAL, production preset) and reads raw rows for byte-level checks. */
final class Kits {
  private Kits() {
  }

  /**
   * Opens a kit; {@code plugins} are names (enabled through ServiceLoader) or plugin instances, in order.
   */
  static SqliteKit open(Path file, Clock clock, Object... plugins) {
    var b = SqliteKit.builder().url("jdbc:sqlite:" + file).clock(clock);
    for (Object p : plugins) {
      if (p instanceof String) {
        b.plugins((String) p);
      } else {
        b.plugin((RepositoryPlugin) p);
      }
    }
    return b.build();
  }

  static void create(SqliteKit kit, TableDef table) {
    kit.createTable(table);
  }

  /** Every stored value of the table's rows matching a WHERE clause, with its SQLite type, in key order. */
  static List<String> raw(Path file, String table, String where) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\" WHERE " + where + " ORDER BY 1")) {
      List<String> out = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          Object v = rs.getObject(i);
          sb.append(rs.getMetaData().getColumnName(i)).append('=')
              .append(v == null ? "NULL" : v.getClass().getSimpleName() + ":" + v).append(' ');
        }
        out.add(sb.toString());
      }
      return out;
    } catch (SQLException e) {
      throw new AssertionError("raw read failed", e);
    }
  }
}
