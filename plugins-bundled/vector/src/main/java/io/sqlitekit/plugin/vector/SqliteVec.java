package io.sqlitekit.plugin.vector;

import io.sqlitekit.plugin.vector.internal.Vec0Scan;
import io.sqlitekit.plugin.vector.internal.VectorHooks;
import io.sqlitekit.spi.ScopedReads;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.OperationNotSupportedException;
import io.sqlitekit.spi.error.RepositoryException;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.Identifiers;
import io.sqlitekit.spi.table.TableDef;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The optional sqlite-vec path: a {@code vec0} virtual table mirroring the embedding column (kept in sync by
 * triggers), searched by sqlite-vec's native kNN instead of the Java scan. Use it only when you ship the
 * sqlite-vec loadable extension; {@link VectorPlugin#search} needs nothing and gives the same neighbours.
 *
 * <p><b>Connections.</b> The extension must be loaded into every connection that writes the table (the
 * triggers call {@code vec0}) or reads the {@code vec0} table. With the bundled xerial driver all writes go
 * through one writer connection: open the kit with {@code ?enable_load_extension=true} on the URL, call
 * {@link #load} once after opening it, and every search here runs on that writer connection (it waits for the
 * writer like a write does). A process or tool that writes the table without the extension fails with
 * {@code no such module: vec0}; drop the mirror with {@link #dropSql} before handing the file to one.
 *
 * <p><b>Scope.</b> {@code vec0} ranks the whole table; the search asks it for more candidates than {@code k}
 * and keeps those inside the repository's policy scope and filter, growing the candidate count until {@code k}
 * are found. When even sqlite-vec's largest {@code k} (4096) is not enough (a very selective scope), it falls
 * back to the exact Java scan, so the answer is always the exact top {@code k} in scope. Distances are
 * sqlite-vec's (float32 arithmetic): they agree with the Java path to about 1e-6, so neighbours at almost equal
 * distances may swap. Cosine and L2 only ({@code vec0} has no inner-product metric).
 *
 * @since 0.2.0
 */
public final class SqliteVec {
  private SqliteVec() {
  }

  /**
   * Loads the sqlite-vec extension into the driver's writer connection.
   *
   * @param driver the kit's driver (opened with loading enabled, see the class documentation)
   * @param library the path of the loadable library (for example {@code /opt/sqlite-vec/vec0.so}), as SQLite's
   *     {@code load_extension} takes it
   * @throws ConfigurationException if SQLite refuses to load it
   */
  public static void load(SqliteDriver driver, String library) {
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(library, "library");
    try {
      driver.write(s -> s.query("SELECT load_extension(?)", List.of(library), rows -> rows.next()));
    } catch (RepositoryException e) {
      throw new ConfigurationException("vector: cannot load sqlite-vec from \"" + library
          + "\" (is the kit's URL opened with enable_load_extension=true?): " + e.getMessage(), e);
    }
  }

  /**
   * Returns the script creating the {@code <table>_vec} mirror and its three triggers, all {@code IF NOT
   * EXISTS}.
   *
   * @param table the source table
   * @param options the plugin's options
   * @return the script
   * @throws ConfigurationException if the metric is {@link Metric#INNER_PRODUCT} or a name is invalid
   */
  public static String createSql(TableDef table, VectorOptions options) {
    String metric;
    switch (options.metric()) {
      case COSINE:
        metric = "cosine";
        break;
      case L2:
        metric = "l2";
        break;
      default:
        throw new ConfigurationException("vector: sqlite-vec's vec0 has no inner-product metric; use the Java"
            + " search (VectorPlugin.search) for it");
    }
    String src = Identifiers.quote(table.name());
    String vec = Identifiers.quote(table.name() + "_vec");
    String col = Identifiers.quote(column(table, options).sqlName());
    String add = "INSERT INTO " + vec + "(rowid, embedding) SELECT new.rowid, new." + col + " WHERE new." + col
        + " IS NOT NULL;";
    String remove = "DELETE FROM " + vec + " WHERE rowid = old.rowid;";
    return String.format(Locale.ROOT, "CREATE VIRTUAL TABLE IF NOT EXISTS %s USING vec0(embedding float[%d]"
        + " distance_metric=%s);%n", vec, options.dimensions(), metric)
        + "CREATE TRIGGER IF NOT EXISTS " + Identifiers.quote(table.name() + "_vec_ai") + " AFTER INSERT ON " + src
        + " BEGIN " + add + " END;\n"
        + "CREATE TRIGGER IF NOT EXISTS " + Identifiers.quote(table.name() + "_vec_ad") + " AFTER DELETE ON " + src
        + " BEGIN " + remove + " END;\n"
        + "CREATE TRIGGER IF NOT EXISTS " + Identifiers.quote(table.name() + "_vec_au") + " AFTER UPDATE ON " + src
        + " BEGIN " + remove + " " + add + " END;\n";
  }

  /**
   * Returns the script dropping the mirror and its triggers.
   *
   * @param table the source table
   * @return the script
   */
  public static String dropSql(TableDef table) {
    return "DROP TRIGGER IF EXISTS " + Identifiers.quote(table.name() + "_vec_ai") + ";\nDROP TRIGGER IF EXISTS "
        + Identifiers.quote(table.name() + "_vec_ad") + ";\nDROP TRIGGER IF EXISTS "
        + Identifiers.quote(table.name() + "_vec_au") + ";\nDROP TABLE IF EXISTS "
        + Identifiers.quote(table.name() + "_vec") + ";\n";
  }

  /**
   * Creates the mirror when missing and fills a new one from the rows already stored, in one transaction.
   *
   * @param driver the kit's driver, with the extension {@link #load loaded}
   * @param table the source table
   * @param options the plugin's options
   * @throws ConfigurationException if the mirror cannot be created
   */
  public static void create(SqliteDriver driver, TableDef table, VectorOptions options) {
    String script = createSql(table, options);
    String fill = "INSERT INTO " + Identifiers.quote(table.name() + "_vec") + "(rowid, embedding) SELECT rowid, "
        + Identifiers.quote(column(table, options).sqlName()) + " FROM " + Identifiers.quote(table.name())
        + " WHERE " + Identifiers.quote(column(table, options).sqlName()) + " IS NOT NULL";
    try {
      driver.write(s -> {
        boolean existed = s.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
            List.of(table.name() + "_vec"), rows -> rows.next());
        s.executeScript(script);
        if (!existed) {
          s.update(fill, List.of());
        }
        return null;
      });
    } catch (RepositoryException e) {
      throw new ConfigurationException("vector: cannot create the vec0 mirror of table \"" + table.name()
          + "\" (is sqlite-vec loaded?): " + e.getMessage(), e);
    }
  }

  /**
   * Returns a search of a repository view that uses the {@code vec0} mirror.
   *
   * @param repository the repository (with the vector plugin installed), or a {@code withContext} view
   * @param driver the kit's driver, with the extension {@link #load loaded}
   * @param <T> the entity type
   * @return the search
   * @throws OperationNotSupportedException if the repository is not backed by SQLite
   * @throws ConfigurationException if the vector plugin does not cover the table
   */
  public static <T> VectorSearch<T> search(StandardRepo<T, ?> repository, SqliteDriver driver) {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(driver, "driver");
    ScopedReads<T> reads = repository.scopedReads().orElseThrow(() -> new OperationNotSupportedException(
        "vector: nearest-neighbour search needs a SQLite-backed repository"));
    VectorHooks hooks = reads.plugin(VectorPlugin.NAME).filter(VectorHooks.class::isInstance)
        .map(VectorHooks.class::cast).orElseThrow(() -> new ConfigurationException(
            "vector: the \"vector\" plugin is not installed on table \"" + repository.table().name() + "\""));
    return new Vec0Scan<>(reads, hooks.column(repository.table()), hooks.options(), driver);
  }

  private static Column column(TableDef table, VectorOptions options) {
    return table.column(options.field()).orElseThrow(() -> new ConfigurationException(
        "vector: table \"" + table.name() + "\" has no field \"" + options.field() + "\""));
  }
}
