package io.sqlitekit.memory;

import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.tck.RepoFeature;
import io.sqlitekit.tck.RepoHarness;
import io.sqlitekit.tck.TckDoc;
import java.util.EnumSet;
import java.util.Set;

/** Runs the conformance TCK against the in-memory kit: a fresh kit (so an empty table) per test. */
public final class MemoryHarness implements RepoHarness {
  @Override
  public String name() {
    return "memory";
  }

  @Override
  public Set<RepoFeature> features() {
    Set<RepoFeature> all = RepoFeature.fromCapabilities(MemoryKit.create().documents(
        TableDef.of("probe", io.sqlitekit.spi.table.Column.text("id").primaryKey())).capabilities());
    return EnumSet.copyOf(all);
  }

  @Override
  public StandardRepo<TckDoc, String> create(TableDef table) {
    return MemoryKit.create().repository(table, TckDoc.class);
  }
}
