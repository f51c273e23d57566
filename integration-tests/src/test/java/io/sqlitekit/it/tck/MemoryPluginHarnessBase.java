package io.sqlitekit.it.tck;

import io.sqlitekit.memory.MemoryKit;
import io.sqlitekit.spi.Capabilities;
import io.sqlitekit.spi.Capability;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.tck.RepoHarness;
import io.sqlitekit.tck.TckDoc;
import java.util.List;
import java.util.Optional;

/**
 * Common part of the in-memory harnesses with plugins: a fresh {@code MemoryKit} per test with the same
 * plugins, table and seed rows as the SQLite harness of the same configuration, so the two kits are certified
 * under the same policy. The kit is closed in {@link #cleanup()}.
 */
abstract class MemoryPluginHarnessBase implements RepoHarness {
  private MemoryKit kit;
  private TableDef created;

  /** Every operation except {@code RAW_FILTER}: raw SQL cannot be evaluated in memory. */
  @Override
  public Capabilities capabilities() {
    return Capabilities.full().without(Capability.RAW_FILTER);
  }

  /** The configuration's plugins, fresh instances per kit. */
  abstract List<RepositoryPlugin> plugins();

  /** The table actually registered: the TCK table plus the columns the plugins manage. */
  abstract TableDef tableFor(TableDef tck);

  /** Seeds the rows the scenarios must never see and returns the view the TCK uses. */
  abstract StandardRepo<TckDoc, String> prepare(StandardRepo<TckDoc, String> repo);

  /** The context the TCK's repositories run in (a tenant); a view repository gets it too. */
  StandardRepo<TckDoc, String> scope(StandardRepo<TckDoc, String> repo) {
    return repo;
  }

  @Override
  public final StandardRepo<TckDoc, String> create(TableDef table) {
    cleanup();
    MemoryKit.Builder b = MemoryKit.builder();
    plugins().forEach(b::plugin);
    kit = b.build();
    created = tableFor(table);
    return prepare(kit.repository(created, TckDoc.class));
  }

  /** An in-memory view over the created table, with the plugins' columns and the harness's context. */
  @Override
  public final Optional<StandardRepo<TckDoc, String>> createView(TableDef view, Filter where) {
    TableDef def = tableFor(view);
    kit.createView(def, created, where);
    return Optional.of(scope(kit.repository(def, TckDoc.class)));
  }

  /** A second table in the same kit, with this harness's plugins, context and hidden seed rows. */
  @Override
  public final StandardRepo<TckDoc, String> createCompanion(TableDef table) {
    return prepare(kit.repository(table, TckDoc.class));
  }

  @Override
  public final void cleanup() {
    if (kit != null) {
      kit.close();
      kit = null;
    }
  }
}
