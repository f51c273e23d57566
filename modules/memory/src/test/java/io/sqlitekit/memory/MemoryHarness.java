package io.sqlitekit.memory;

import io.sqlitekit.spi.Capabilities;
import io.sqlitekit.spi.Capability;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.tck.RepoHarness;
import io.sqlitekit.tck.TckDoc;
import java.util.Optional;

/** Runs the conformance TCK against the in-memory kit: a fresh kit (so an empty table) per test. */
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

  private MemoryKit kit;
  private TableDef created;

  @Override
  public StandardRepo<TckDoc, String> create(TableDef table) {
    kit = MemoryKit.create();
    created = table;
    return kit.repository(table, TckDoc.class);
  }

  /** An in-memory view over the table of the last {@link #create}. */
  @Override
  public Optional<StandardRepo<TckDoc, String>> createView(TableDef view, Filter where) {
    kit.createView(view, created, where);
    return Optional.of(kit.repository(view, TckDoc.class));
  }

  /** A second table in the same kit. */
  @Override
  public StandardRepo<TckDoc, String> createCompanion(TableDef table) {
    return kit.repository(table, TckDoc.class);
  }
}
