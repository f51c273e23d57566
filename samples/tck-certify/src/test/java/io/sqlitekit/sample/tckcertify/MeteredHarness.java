package io.sqlitekit.sample.tckcertify;

import io.sqlitekit.memory.MemoryKit;
import io.sqlitekit.spi.Capabilities;
import io.sqlitekit.spi.Capability;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.tck.RepoHarness;
import io.sqlitekit.tck.TckDoc;

/**
 * The TCK harness of {@link MeteredRepo}, registered in {@code META-INF/services/io.sqlitekit.tck.RepoHarness}:
 * a metered repository over a fresh in-memory store per test.
 */
public final class MeteredHarness implements RepoHarness {
  @Override
  public String name() {
    return "metered-memory";
  }

  /** What the wrapped store supports: every operation except raw SQL filters. */
  @Override
  public Capabilities capabilities() {
    return Capabilities.full().without(Capability.RAW_FILTER);
  }

  private MemoryKit kit;

  @Override
  public StandardRepo<TckDoc, String> create(TableDef table) {
    kit = MemoryKit.create();
    return MeteredRepo.over(kit.repository(table, TckDoc.class));
  }

  /** The archive table of the archiveByFilter scenarios, in the same kit. */
  @Override
  public StandardRepo<TckDoc, String> createCompanion(TableDef table) {
    return MeteredRepo.over(kit.repository(table, TckDoc.class));
  }
}
