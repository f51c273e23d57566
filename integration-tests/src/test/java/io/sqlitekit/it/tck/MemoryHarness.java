package io.sqlitekit.it.tck;

import io.sqlitekit.it.MemoryKits;
import io.sqlitekit.spi.Capabilities;
import io.sqlitekit.spi.Capability;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.tck.RepoHarness;
import io.sqlitekit.tck.TckDoc;
import java.util.Optional;

/**
 * The in-memory kit: a fresh {@code MemoryKit} per test. Selected only by the {@code tck-memory} execution of
 * the pom's test dependency on the memory kit; constructing it needs nothing, so ServiceLoader can list it without the kit.
 */
public final class MemoryHarness implements RepoHarness {
  @Override
  public String name() {
    return "memory";
  }

  /** Every operation except {@code RAW_FILTER}: raw SQL cannot be evaluated in memory. */
  @Override
  public Capabilities capabilities() {
    return Capabilities.full().without(Capability.RAW_FILTER);
  }

  private Object kit;
  private TableDef created;

  @Override
  public StandardRepo<TckDoc, String> create(TableDef table) {
    kit = MemoryKits.create();
    created = table;
    return MemoryKits.repository(kit, table, TckDoc.class);
  }

  /** An in-memory view over the table of the last {@link #create}. */
  @Override
  public Optional<StandardRepo<TckDoc, String>> createView(TableDef view, Filter where) {
    MemoryKits.createView(kit, view, created, where);
    return Optional.of(MemoryKits.repository(kit, view, TckDoc.class));
  }

  /** A second table in the same kit. */
  @Override
  public StandardRepo<TckDoc, String> createCompanion(TableDef table) {
    return MemoryKits.repository(kit, table, TckDoc.class);
  }
}
