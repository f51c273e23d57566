package io.sqlitekit.it.plugins;

import io.sqlitekit.plugin.softdelete.SoftDeleteOptions;
import io.sqlitekit.plugin.softdelete.SoftDeletePlugin;
import io.sqlitekit.plugin.timestamp.TimestampOptions;
import io.sqlitekit.plugin.timestamp.TimestampPlugin;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.tck.plugin.PluginConformance;
import io.sqlitekit.tck.plugin.PluginHarness;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The bundled policy plugins pass the same plugin conformance checks the TCK offers third parties. */
class BundledPluginConformanceIT {
  @TempDir
  static Path dir;

  @Nested
  class Timestamp extends PluginConformance {
    @Override
    protected PluginHarness harness() {
      return new SqlitePluginHarness(dir, () -> TimestampPlugin.create(TimestampOptions.defaults()),
          Column.timestamp("createdAt"), Column.timestamp("updatedAt"));
    }
  }

  @Nested
  class SoftDelete extends PluginConformance {
    @Override
    protected PluginHarness harness() {
      return new SqlitePluginHarness(dir, () -> SoftDeletePlugin.create(SoftDeleteOptions.defaults()),
          Column.timestamp("deletedAt"));
    }
  }
}
