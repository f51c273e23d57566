package io.sqlitekit.plugin.ttl.internal;

import io.sqlitekit.spi.table.TableDef;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Internal, not API, may change. Every table the TTL plugin is installed on in an open kit, so that
 * {@link io.sqlitekit.plugin.ttl.TtlSweeper} can find it from a repository. Entries leave when their kit closes.
 */
public final class TtlTables {
  private static final List<TableTtl> INSTALLED = new CopyOnWriteArrayList<>();

  private TtlTables() {
  }

  static void add(TableTtl t) {
    INSTALLED.add(t);
  }

  static void remove(TableTtl t) {
    INSTALLED.remove(t);
  }

  /**
   * Sweeps every installed table whose definition has the name of {@code table}.
   *
   * @param table the table
   * @return rows removed
   * @throws IllegalStateException if none is installed
   */
  public static long sweep(TableDef table) {
    long total = 0;
    boolean found = false;
    for (TableTtl t : INSTALLED) {
      if (t.table().name().equals(table.name())) {
        found = true;
        total += t.sweep();
      }
    }
    if (!found) {
      throw new IllegalStateException(String.format(Locale.ROOT,
          "the ttl plugin is not installed on table %s in any open kit", table.name()));
    }
    return total;
  }

  /**
   * Sweeps every installed table.
   *
   * @return rows removed
   */
  public static long sweepAll() {
    long total = 0;
    for (TableTtl t : INSTALLED) {
      total += t.sweep();
    }
    return total;
  }
}
