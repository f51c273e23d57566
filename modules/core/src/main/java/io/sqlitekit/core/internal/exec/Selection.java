package io.sqlitekit.core.internal.exec;

import io.sqlitekit.spi.table.Column;
import java.util.function.Function;

/**
 * Internal, not API, may change. The columns one projection reads, their rendered select list and point
 * read, and the builder that makes an entity straight from a row's values in this column order (no per-row
 * field map).
 *
 * @param <T> the entity type
 */
public final class Selection<T> {
  private final Column[] columns;
  private final String sql;
  private final String byIdSql;
  private final Function<Object[], T> rowBuilder;
  private final StorageCheck storage;
  private static final boolean[] NONE = new boolean[0];
  /** The typed-read flags once known ({@link #NONE}: none typed); recomputing them is harmless. */
  private volatile boolean[] typed;

  Selection(Column[] columns, String sql, String byIdSql, Function<Object[], T> rowBuilder, StorageCheck storage) {
    this.columns = columns;
    this.sql = sql;
    this.byIdSql = byIdSql;
    this.rowBuilder = rowBuilder;
    this.storage = storage;
  }

  /**
   * Returns which columns are read with typed getters ({@link StorageCheck#typed}), computed once.
   *
   * @return a flag per column, or null when every column probes its storage class
   */
  boolean[] typedReads() {
    boolean[] t = typed;
    if (t == null) {
      boolean[] computed = storage.typed(columns);
      t = computed == null ? NONE : computed;
      typed = t;
    }
    return t == NONE ? null : t;
  }

  /**
   * Returns the columns in output order (the array itself: do not change it).
   *
   * @return the columns
   */
  public Column[] columns() {
    return columns;
  }

  /**
   * Returns the quoted select list.
   *
   * @return the list
   */
  public String sql() {
    return sql;
  }

  /**
   * Returns the unscoped point read, rendered once: the hot path renders nothing.
   *
   * @return {@code SELECT … WHERE pk = ?}
   */
  public String byIdSql() {
    return byIdSql;
  }

  /**
   * Builds an entity from one row's values in column order.
   *
   * @param values the decoded values
   * @return the entity
   */
  public T build(Object[] values) {
    return rowBuilder.apply(values);
  }
}
