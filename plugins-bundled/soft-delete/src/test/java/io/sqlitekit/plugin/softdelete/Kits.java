package io.sqlitekit.plugin.softdelete;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.TableDef;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Opens kits on a real SQLite file. Stays in this module because it needs core, which test-support must not
 * depend on; raw reads for byte-level checks are {@code io.sqlitekit.testsupport.SqliteFiles}.
 */
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
}
