package io.sqlitekit.core.internal.exec;

import io.sqlitekit.core.internal.render.StatementRenderer;
import io.sqlitekit.core.internal.render.TableModel;
import io.sqlitekit.spi.Projection;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.RowMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Internal, not API, may change. The {@link Selection} of each projection over one table for one row mapper,
 * built once and cached. The primary key is always selected, whatever the projection says. Thread-safe.
 *
 * @param <T> the entity type
 */
public final class Selections<T> {
  private final StatementRenderer render;
  private final RowMapper<T> mapper;
  private final Column[] all;
  private final Selection<T> allSelection;
  private final Map<Projection, Selection<T>> byProjection = new ConcurrentHashMap<>();
  private final StorageCheck storage;

  /**
   * Creates the cache.
   *
   * @param render the table's renderer
   * @param mapper the row mapper
   */
  public Selections(StatementRenderer render, RowMapper<T> mapper) {
    this.render = render;
    this.mapper = mapper;
    TableModel m = render.model();
    this.all = m.columns().toArray(new Column[0]);
    this.storage = new StorageCheck(m.table().name(), m.columns());
    this.allSelection = selection(all, m.selectList());
    byProjection.put(Projection.all(), allSelection);
  }

  private Selection<T> selection(Column[] columns, String list) {
    List<String> names = new ArrayList<>(columns.length);
    for (Column c : columns) {
      names.add(c.name());
    }
    return new Selection<>(columns, list, render.selectById(list), mapper.fromValues(names), storage);
  }

  /**
   * Asks the database once whether the table guarantees its numeric columns' storage classes (typed reads);
   * called when the repository is created.
   *
   * @param driver the kit's driver
   */
  public void checkStorage(io.sqlitekit.spi.driver.SqliteDriver driver) {
    storage.check(driver);
  }

  /** The table's storage check, for the insert path in this package. */
  StorageCheck storage() {
    return storage;
  }

  /**
   * Returns the selection of every column.
   *
   * @return the selection
   */
  public Selection<T> all() {
    return allSelection;
  }

  /**
   * Returns every column of the table, in declaration order (the array itself: do not change it).
   *
   * @return the columns
   */
  public Column[] allColumns() {
    return all;
  }

  /**
   * Returns the selection of a projection.
   *
   * @param p the projection
   * @return the selection
   * @throws ValidationException on an unknown field, or when the projection excludes every field
   */
  public Selection<T> of(Projection p) {
    if (p == Projection.all()) {
      // The common case skips hashing the projection record on every call.
      return allSelection;
    }
    Selection<T> s = byProjection.get(p);
    if (s != null) {
      return s;
    }
    TableModel model = render.model();
    List<Column> cols = new ArrayList<>();
    for (String f : p.fields()) {
      model.column(f);
    }
    for (Column c : all) {
      if (c.isPrimaryKey() || p.include() == p.fields().contains(c.name())) {
        cols.add(c);
      }
    }
    if (cols.isEmpty()) {
      throw new ValidationException(String.format(Locale.ROOT,
          "projection on table \"%s\" excludes every field", model.table().name()));
    }
    s = selection(cols.toArray(new Column[0]), render.selectList(cols));
    byProjection.putIfAbsent(p, s);
    return s;
  }
}
