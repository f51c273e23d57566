package io.sqlitekit.testsupport;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a SQLite file over plain JDBC, bypassing sqlitekit, so tests can check what was actually stored.
 * The JDBC driver for {@code jdbc:sqlite:} URLs must be on the caller's class path.
 *
 * @since 0.1.0
 */
public final class SqliteFiles {
  private SqliteFiles() {
  }

  /**
   * Every stored value of the table's rows matching a WHERE clause, with its SQLite-side Java type, ordered by
   * the first column. Each row renders as {@code name=Type:value } per column ({@code name=NULL } for null).
   *
   * @param file the database file
   * @param table the table name (quoted as an identifier)
   * @param where a trusted SQL condition, e.g. {@code "1=1"}
   * @return one string per row
   * @throws AssertionError when the read fails
   */
  public static List<String> raw(Path file, String table, String where) {
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
