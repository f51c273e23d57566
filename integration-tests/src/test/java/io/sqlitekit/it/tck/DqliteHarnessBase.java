package io.sqlitekit.it.tck;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.spi.Capabilities;
import io.sqlitekit.spi.Capability;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.tck.RepoHarness;
import io.sqlitekit.tck.TckDoc;
import io.sqlitekit.testsupport.DqliteCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Common part of the dqlite harnesses: the same kit as the SQLite harnesses, opened on a {@code dqlite://} URL
 * of a real 3-node {@code dqlite-demo} cluster on loopback. The cluster starts once per test JVM (on the first
 * {@link #create}, installing go-dqlite when missing and running as root) and is stopped by pid when the test
 * plan finishes ({@link DqliteClusterListener}). Each test gets a database of its own (dqlite creates it on
 * first use), so stores never share rows.
 */
abstract class DqliteHarnessBase implements RepoHarness {
  private static DqliteCluster cluster;
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private SqliteKit kit;
  private TableDef created;

  /**
   * Every optional capability but the regex filter: dqlite's server has no REGEXP function and the kit cannot
   * register one there, so the kit reports it absent and refuses regex filters (the TCK runs the absent side).
   * Zoned date buckets need the driver's bucket function for the same reason, so they are refused too (UTC buckets
   * are plain SQL and run).
   */
  @Override
  public Capabilities capabilities() {
    return Capabilities.full().without(Capability.REGEX_FILTER, Capability.DATE_BUCKET_TIMEZONE);
  }

  @Override
  public Map<String, String> suppressed() {
    return SqliteHarnessBase.CORE_DEFECTS;
  }

  List<RepositoryPlugin> plugins() {
    return List.of();
  }

  TableDef tableFor(TableDef tck) {
    return tck;
  }

  StandardRepo<TckDoc, String> prepare(StandardRepo<TckDoc, String> repo) {
    return repo;
  }

  static synchronized DqliteCluster cluster() {
    if (cluster == null) {
      try {
        String missing = DqliteCluster.installIfMissing();
        if (missing != null) {
          throw new IllegalStateException("the dqlite TCK harnesses need a dqlite server: " + missing);
        }
        cluster = DqliteCluster.start(3, Files.createTempDirectory("sqlitekit-tck-dqlite-"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return cluster;
  }

  /** Stops the shared cluster, if this JVM started one. */
  static synchronized void stopCluster() {
    if (cluster != null) {
      cluster.close();
      cluster = null;
    }
  }

  @Override
  public final StandardRepo<TckDoc, String> create(TableDef table) {
    cleanup();
    String db = name().replace('-', '_') + "_" + DATABASES.incrementAndGet() + "_" + Long.toHexString(System.nanoTime());
    SqliteKit.Builder b = SqliteKit.builder().url(cluster().url(db));
    plugins().forEach(b::plugin);
    kit = b.build();
    kit.createTable(tableFor(table));
    created = tableFor(table);
    return prepare(kit.repository(tableFor(table), TckDoc.class));
  }

  /** The context the TCK's repositories run in (a tenant); a view repository gets it too. */
  StandardRepo<TckDoc, String> scope(StandardRepo<TckDoc, String> repo) {
    return repo;
  }

  /** A view in the cluster's database, as on the SQLite harnesses. */
  @Override
  public final Optional<StandardRepo<TckDoc, String>> createView(TableDef view, Filter where) {
    return Optional.of(scope(SqliteHarnessBase.view(kit, created, tableFor(view), where)));
  }

  /** A second table in the same database, with this harness's plugins, context and hidden seed rows. */
  @Override
  public final StandardRepo<TckDoc, String> createCompanion(TableDef table) {
    kit.createTable(table);
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
