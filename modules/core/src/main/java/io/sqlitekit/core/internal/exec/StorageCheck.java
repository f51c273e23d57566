package io.sqlitekit.core.internal.exec;

import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.ColumnMode;
import io.sqlitekit.spi.table.StorageClass;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * before 3.37) counts as not strict.
 *
 * <p>The same check records which columns the database fills when an insert omits them (an SQL {@code DEFAULT},
 * a generated column), so a single insert can build its row from what it binds ({@link #storesAsBound}). Thread-safe.
 */
final class StorageCheck {
  private static final String STRICT =
      "SELECT \"strict\" FROM pragma_table_list WHERE \"schema\" = 'main' AND \"name\" = ?";

  private final String table;
  /**
   * Each column's declared type, and whether SQLite fills it itself when an insert omits it (an SQL default, a
   * generated column).
   */
  private static final String COLUMNS = "SELECT \"name\", upper(\"type\"), "
      + "\"dflt_value\" IS NOT NULL OR \"hidden\" <> 0 FROM pragma_table_xinfo(?)";
  /** Set once by {@link #check} when the repository is created; empty until then and when nothing is typed. */
  private volatile Set<String> guaranteed = Set.of();
  private final List<Column> columns;
  /** What the database fills when an insert omits a column; null until {@link #check} has seen the table. */
  private volatile Omissions omissions;

  /**
   * The table's fields by what leaving them out of an insert stores, worked out once from the database's answer.
   *
   * @param filledBySqlite the fields whose column the database fills itself (an SQL default the database
   *     declares, a generated column)
   * @param storeNull the fields whose column stores NULL: nullable, not the key, no default in the
   *     {@code TableDef} or the database
   */
  private record Omissions(Set<String> filledBySqlite, Set<String> storeNull) {
  }

  StorageCheck(String table, List<Column> columns) {
    this.table = table;
    this.columns = List.copyOf(columns);
  }

  /**
   * Asks the database, once, when the repository is created (outside any call, so no call's statement trace or
   * span carries it), in two queries: whether the table is STRICT, and each column's declared type and whether the
   * database fills it when an insert omits it. A table that does not exist yet, a failing driver or a database
   * that cannot answer leave every read probing and every insert reading its row back.
   *
   * @param driver the kit's driver
   */
  void check(SqliteDriver driver) {
    boolean strict;
    try {
      strict = driver.readBrief(s -> s.query(STRICT, List.of(table), rs -> rs.next() && rs.getLong(0) == 1));
    } catch (RuntimeException e) {
      // No pragma_table_list (old SQLite, another engine), a closed driver: keep the probing reads.
      strict = false;
    }
    Set<String> typed = new HashSet<>();
    Set<String> filled;
    try {
      filled = driver.readBrief(s -> s.query(COLUMNS, List.of(table), rs -> {
        Set<String> out = new HashSet<>();
        boolean seen = false;
        while (rs.next()) {
          seen = true;
          String name = rs.getString(0);
          String type = rs.getString(1);
          if ("INTEGER".equals(type) || "INT".equals(type)) {
            typed.add(key(StorageClass.INTEGER, name));
          } else if ("REAL".equals(type)) {
            typed.add(key(StorageClass.REAL, name));
          }
          if (rs.getLong(2) != 0) {
            out.add(name.toLowerCase(Locale.ROOT));
          }
        }
        // No columns: the table does not exist yet, so nothing is known about its defaults.
        return seen ? out : null;
      }));
    } catch (RuntimeException e) {
      filled = null;
      typed.clear();
    }
    guaranteed = strict ? Set.copyOf(typed) : Set.of();
    omissions = filled == null ? null : omissions(filled);
  }

  /** Sorts the fields by what omitting them stores, from the lower-case SQL names the database fills. */
  private Omissions omissions(Set<String> filledSqlNames) {
    Set<String> filledFields = new HashSet<>();
    Set<String> storeNull = new HashSet<>();
    for (Column c : columns) {
      if (filledSqlNames.contains(c.sqlName().toLowerCase(Locale.ROOT))) {
        filledFields.add(c.name());
      } else if (!c.isPrimaryKey() && !c.isNotNull() && !c.hasDefault()) {
        storeNull.add(c.name());
      }
    }
    return new Omissions(Set.copyOf(filledFields), Set.copyOf(storeNull));
  }

  /**
   * Returns whether an insert that binds exactly the given fields stores exactly what it binds: the table was
   * seen by {@link #check} and every column it omits is one the database declares no default for (and is not
   * generated). A table the check could not see answers false.
   *
   * @param bound the fields the insert binds (only the keys are read)
   * @return true when the inserted row can be built from what is bound
   */
  boolean storesAsBound(Map<String, ?> bound) {
    Omissions o = omissions;
    if (o == null) {
      return false;
    }
    for (String field : o.filledBySqlite()) {
      if (!bound.containsKey(field)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the fields an insert may leave out and still store NULL in their column: nullable, not the key, no
   * default in the {@code TableDef} and none the database declares (nor generated). Empty for a table the check
   * could not see.
   *
   * @return the property keys of those columns
   */
  Set<String> nullWhenOmitted() {
    Omissions o = omissions;
    return o == null ? Set.of() : o.storeNull();
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
