package io.sqlitekit.it.tck;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.spi.Capabilities;
import io.sqlitekit.spi.Capability;
import io.sqlitekit.it.d1.LocalD1;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.tck.RepoHarness;
import io.sqlitekit.tck.TckDoc;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQLite kit on a real local Cloudflare D1 ({@code wrangler dev --local}) through the D1 driver. Its honest
 * capability set: everything but transactions and nested transactions, which D1's HTTP API cannot make atomic (no
 * interactive transactions) and the kit therefore refuses (batches go as one atomic request), and the regex filter (D1 has no
 * {@code REGEXP} function and cannot register one). Each test starts with every table dropped.
 */
public class D1Harness implements RepoHarness {
  private SqliteKit kit;
  private TableDef created;

  @Override
  public String name() {
    return "d1";
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.full().without(Capability.TRANSACTIONS, Capability.NESTED_TRANSACTIONS,
        Capability.REGEX_FILTER, Capability.DATE_BUCKET_TIMEZONE);
  }

  @Override
  public Map<String, String> suppressed() {
    return Map.of();
  }

  /** Plugins enabled on the kit; none by default. */
  List<RepositoryPlugin> plugins() {
    return List.of();
  }

  /** The table actually created. */
  TableDef tableFor(TableDef tck) {
    return tck;
  }

  /** The context the TCK's repositories run in (a tenant); a view repository gets it too. */
  StandardRepo<TckDoc, String> scope(StandardRepo<TckDoc, String> repo) {
    return repo;
  }

  /** Turns the kit's repository into the one the TCK sees. */
  StandardRepo<TckDoc, String> prepare(StandardRepo<TckDoc, String> repo) {
    return repo;
  }

  @Override
  public final StandardRepo<TckDoc, String> create(TableDef table) {
    cleanup();
    SqliteKit.Builder b = SqliteKit.builder().url(LocalD1.url());
    plugins().forEach(b::plugin);
    kit = b.build();
    LocalD1.dropAll(kit);
    created = tableFor(table);
    kit.createTable(created);
    return prepare(kit.repository(created, TckDoc.class));
  }

  /** A view on the D1 database over the created table, made by the kit's createView like on every driver. */
  @Override
  public final Optional<StandardRepo<TckDoc, String>> createView(TableDef view, Filter where) {
    return Optional.of(scope(SqliteHarnessBase.view(kit, created, tableFor(view), where)));
  }

  @Override
  public final void cleanup() {
    if (kit != null) {
      kit.close();
      kit = null;
    }
  }
}
