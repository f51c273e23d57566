package io.sqlitekit.it.tck;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.spi.Capabilities;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.driver.PragmaPreset;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.tck.RepoHarness;
import io.sqlitekit.tck.TckDoc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Common part of the SQLite harnesses: a fresh WAL database file in its own temporary directory per test,
 * opened with the production preset, the TCK table created from the (possibly extended) definition, and
 * everything closed and deleted in {@link #cleanup()}.
 */
abstract class SqliteHarnessBase implements RepoHarness {
  private SqliteKit kit;
  private Path dir;
  private TableDef created;

  /** Every optional operation; the TCK holds the repository's {@code capabilities()} to this declaration. */
  @Override
  public Capabilities capabilities() {
    return Capabilities.full();
  }

  /**
   * Known disagreements between the SQLite kit and the contract: test ID to reason, each a kit defect to fix.
   * Empty: the two this module found (a null in an {@code in} list matched NULL rows; projections dropped the
   * primary key) were fixed in core.
   */
  static final Map<String, String> CORE_DEFECTS = Map.of();

  @Override
  public Map<String, String> suppressed() {
    return CORE_DEFECTS;
  }

  /** Plugins enabled on the kit; none by default. */
  List<RepositoryPlugin> plugins() {
    return List.of();
  }

  /** The table actually created: the TCK table plus the columns a plugin manages. */
  TableDef tableFor(TableDef tck) {
    return tck;
  }

  /** The context the TCK's repositories run in (a tenant); a view repository gets it too. */
  StandardRepo<TckDoc, String> scope(StandardRepo<TckDoc, String> repo) {
    return repo;
  }

  /** Turns the kit's repository into the one the TCK sees (a context view, seeded hidden rows). */
  StandardRepo<TckDoc, String> prepare(StandardRepo<TckDoc, String> repo) {
    return repo;
  }

  @Override
  public final StandardRepo<TckDoc, String> create(TableDef table) {
    cleanup();
    try {
      dir = Files.createTempDirectory("sqlitekit-tck-" + name() + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SqliteKit.Builder b = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("x.db")).preset(PragmaPreset.PRODUCTION);
    plugins().forEach(b::plugin);
    kit = b.build();
    requireWal(kit);
    TableDef def = tableFor(table);
    kit.createTable(def);
    created = def;
    return prepare(kit.repository(def, TckDoc.class));
  }

  /** A SQLite view over the created table, with the plugins' columns and the harness's context. */
  @Override
  public final Optional<StandardRepo<TckDoc, String>> createView(TableDef view, Filter where) {
    return Optional.of(scope(view(kit, created, tableFor(view), where)));
  }

  /** Creates a view on a SQLite kit (any driver) and returns a repository over it. */
  static StandardRepo<TckDoc, String> view(SqliteKit kit, TableDef base, TableDef view, Filter where) {
    kit.createView(view, base, where);
    return kit.repository(view, TckDoc.class);
  }

  /** A second table in the same database, with this harness's plugins, context and hidden seed rows. */
  @Override
  public final StandardRepo<TckDoc, String> createCompanion(TableDef table) {
    kit.createTable(table);
    return prepare(kit.repository(table, TckDoc.class));
  }

  /** The harness promises a WAL database; fail loudly if the preset ever stops delivering it. */
  private static void requireWal(SqliteKit kit) {
    String mode = kit.driver().read(s -> s.query("PRAGMA journal_mode", List.of(),
        rs -> rs.next() ? rs.getString(0) : ""));
    if (!"wal".equals(mode.toLowerCase(Locale.ROOT))) {
      throw new IllegalStateException("expected a WAL database, journal_mode is " + mode);
    }
  }

  @Override
  public final void cleanup() {
    if (kit != null) {
      kit.close();
      kit = null;
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
          Files.deleteIfExists(p);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      dir = null;
    }
  }
}
