package io.sqlitekit.migrate;

import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.driver.DriverProvider;
import io.sqlitekit.spi.driver.SqliteDriver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;

/** Opens real SQLite files through the driver found by ServiceLoader, and runs small queries. */
final class TestDb {
  private TestDb() {}

  static String url(Path file) {
    return "jdbc:sqlite:" + file.toAbsolutePath();
  }

  static SqliteDriver open(Path file) {
    String url = url(file);
    for (DriverProvider p : ServiceLoader.load(DriverProvider.class)) {
      if (p.accepts(url)) {
        return p.open(url, DriverOptions.defaults());
      }
    }
    throw new IllegalStateException("no driver on the test class path");
  }

  /** Returns the first column of every row as strings. */
  static List<String> column(SqliteDriver driver, String sql, Object... args) {
    return driver.read(s -> s.query(sql, Arrays.asList(args), rows -> {
      List<String> out = new ArrayList<>();
      while (rows.next()) {
        out.add(rows.getString(0));
      }
      return out;
    }));
  }

  static List<String> tables(SqliteDriver driver) {
    return column(driver, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        + "ORDER BY name");
  }
}
