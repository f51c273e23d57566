package io.sqlitekit.tck.driver;

import io.sqlitekit.spi.driver.SqlSession;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.tck.internal.DriverTckExtension;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Common base of the driver contract classes: registers the driver TCK extension (one invocation per driver
 * harness) and holds the table every scenario uses, {@code tck_kv(k TEXT PRIMARY KEY, v INTEGER NOT NULL
 * CHECK (v >= 0), note TEXT UNIQUE)}. Only INTEGER and TEXT are declared, which every SQLite engine returns
 * faithfully. Helpers write with one statement per {@link SqliteDriver#write}, so they also hold on drivers
 * without interactive transactions.
 */
@ResourceLock("io.sqlitekit.tck.driver")
abstract class DriverContractSupport {
  @RegisterExtension
  static final DriverTckExtension TCK = new DriverTckExtension();

  static final String DDL = "CREATE TABLE tck_kv (k TEXT PRIMARY KEY, v INTEGER NOT NULL CHECK (v >= 0), "
      + "note TEXT UNIQUE)";
  static final String INSERT = "INSERT INTO tck_kv (k, v) VALUES (?, ?)";

  /** Creates the scenario table and returns the driver. */
  static SqliteDriver withTable(SqliteDriver d) {
    d.write(s -> {
      s.executeScript(DDL);
      return null;
    });
    return d;
  }

  /** Inserts one row in a write of its own. */
  static void put(SqliteDriver d, String k, long v) {
    d.write(s -> s.update(INSERT, List.of(k, v)));
  }

  static long count(SqlSession s) throws SQLException {
    return s.query("SELECT count(*) FROM tck_kv", List.of(), rs -> {
      if (!rs.next()) {
        throw new AssertionError("count(*) returned no row");
      }
      return rs.getLong(0);
    });
  }

  static long count(SqliteDriver d) {
    return d.read(DriverContractSupport::count);
  }

  /** Every row as key to value, in key order. */
  static Map<String, Long> rows(SqlSession s) throws SQLException {
    return s.query("SELECT k, v FROM tck_kv ORDER BY k", List.of(), rs -> {
      Map<String, Long> out = new LinkedHashMap<>();
      while (rs.next()) {
        out.put(rs.getString(0), rs.getLong(1));
      }
      return out;
    });
  }

  static Map<String, Long> rows(SqliteDriver d) {
    return d.read(DriverContractSupport::rows);
  }

  /** The value of one key, or null when the row is missing. */
  static Long value(SqlSession s, String k) throws SQLException {
    return s.query("SELECT v FROM tck_kv WHERE k = ?", List.of(k), rs -> rs.next() ? rs.getLong(0) : null);
  }
}
