package io.sqlitekit.core.internal.exec;

import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.ColumnMode;
import io.sqlitekit.spi.table.StorageClass;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Internal, not API, may change. Whether a table's declared storage classes are guaranteed, so numeric columns
 * can be read with {@code getLong}/{@code getDouble} instead of a {@code getObject} type probe per value.
 *
 * <p>The guarantee is SQLite's: in a {@code STRICT} table an INTEGER column holds only integers (or NULL) and a
 * REAL column only reals (integers are converted). Without it, raw SQL may have stored a REAL or a TEXT in an
 * INTEGER column, which a typed getter would silently convert, so reads then keep probing. A column is typed
 * only when the table is STRICT and the column's declared type in the database matches its storage class (the
 * {@code TableDef} alone could disagree with the real table). The check is two pragma queries when the
 * repository is created; its answer is kept for the repository's life (a table dropped and recreated without {@code STRICT} while the repository
 * lives is not noticed: open a new repository after such a migration). A database that cannot answer (SQLite
 * before 3.37) counts as not strict. Thread-safe.
 */
final class StorageCheck {
  private static final String STRICT =
      "SELECT \"strict\" FROM pragma_table_list WHERE \"schema\" = 'main' AND \"name\" = ?";
  private static final String TYPES = "SELECT \"name\", upper(\"type\") FROM pragma_table_info(?)";
  private final String table;
  /** Set once by {@link #check} when the repository is created; empty until then and when nothing is typed. */
  private volatile Set<String> guaranteed = Set.of();

  StorageCheck(String table) {
    this.table = table;
  }

  /**
   * Asks the database, once, when the repository is created (outside any call, so no call's statement trace or
   * span carries it): whether the table is STRICT and which columns are declared INTEGER/INT or REAL. A table
   * that does not exist yet, a failing driver or a database that cannot answer leave every read probing.
   *
   * @param driver the kit's driver
   */
  void check(SqliteDriver driver) {
    Set<String> found;
    try {
      found = driver.readBrief(s -> {
        boolean strict = s.query(STRICT, List.of(table), rs -> rs.next() && rs.getLong(0) == 1);
        return !strict ? Set.<String>of() : s.query(TYPES, List.of(table), rs -> {
          Set<String> out = new HashSet<>();
          while (rs.next()) {
            String type = rs.getString(1);
            if ("INTEGER".equals(type) || "INT".equals(type)) {
              out.add(key(StorageClass.INTEGER, rs.getString(0)));
            } else if ("REAL".equals(type)) {
              out.add(key(StorageClass.REAL, rs.getString(0)));
            }
          }
          return out;
        });
      });
    } catch (RuntimeException e) {
      // No pragma_table_list (old SQLite, another engine), a closed driver: keep the probing reads.
      found = Set.of();
    }
    guaranteed = found;
  }

  /**
   * Returns which of the columns are read with typed getters: those whose table is STRICT, whose declared SQL
   * type in the database matches their storage class, and that are {@link #typedColumn typed columns}.
   *
   * @param cols the columns read
   * @return a flag per column, or null when none is typed
   */
  boolean[] typed(Column[] cols) {
    Set<String> g = guaranteed;
    if (g.isEmpty()) {
      return null;
    }
    boolean[] out = new boolean[cols.length];
    boolean any = false;
    for (int i = 0; i < cols.length; i++) {
      Column c = cols[i];
      out[i] = typedColumn(c) && g.contains(key(c.storage(), c.sqlName()));
      any |= out[i];
    }
    return any ? out : null;
  }

  private static String key(StorageClass storage, String sqlName) {
    return storage.name() + ':' + sqlName.toLowerCase(Locale.ROOT);
  }

  /**
   * Returns whether a column may be read with a typed getter when its storage class is guaranteed: plain
   * INTEGER and REAL columns, and the modes stored as integers (boolean, epoch timestamps).
   *
   * @param c the column
   * @return true when a typed getter reads it exactly
   */
  static boolean typedColumn(Column c) {
    if (c.storage() == StorageClass.REAL) {
      return c.mode() == ColumnMode.PLAIN;
    }
    if (c.storage() != StorageClass.INTEGER) {
      return false;
    }
    switch (c.mode()) {
      case PLAIN:
      case BOOLEAN:
      case TIMESTAMP_MILLIS:
      case TIMESTAMP_SECONDS:
        return true;
      default:
        return false;
    }
  }
}
