package io.sqlitekit.it.tck;

import io.sqlitekit.it.MemoryKits;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.tck.RepoFeature;
import io.sqlitekit.tck.RepoHarness;
import io.sqlitekit.tck.TckDoc;
import java.util.EnumSet;
import java.util.Set;

/**
 * The in-memory kit: a fresh {@code MemoryKit} per test. Selected only by the {@code tck-memory} execution of
 * the pom's test dependency on the memory kit; constructing it needs nothing, so ServiceLoader can list it without the kit.
 */
public final class MemoryHarness implements RepoHarness {
  @Override
  public String name() {
    return "memory";
  }

  /** Everything except {@code RAW_FILTER}: raw SQL cannot be evaluated in memory. */
  @Override
  public Set<RepoFeature> features() {
    EnumSet<RepoFeature> f = EnumSet.copyOf(RepoFeature.FULL.implied());
    f.remove(RepoFeature.RAW_FILTER);
    return f;
  }

  @Override
  public StandardRepo<TckDoc, String> create(TableDef table) {
    return MemoryKits.repository(MemoryKits.create(), table, TckDoc.class);
  }
}
