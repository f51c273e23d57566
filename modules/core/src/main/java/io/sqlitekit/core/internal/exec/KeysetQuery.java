package io.sqlitekit.core.internal.exec;

import io.sqlitekit.core.internal.render.Rendered;
import io.sqlitekit.core.internal.render.StatementRenderer;
import io.sqlitekit.core.internal.render.TableModel;
import io.sqlitekit.spi.KeysetPage;
import io.sqlitekit.spi.KeysetRequest;
import io.sqlitekit.spi.Projection;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.SortField;
import io.sqlitekit.spi.StreamOptions;
import io.sqlitekit.spi.driver.SqlSession;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.support.page.KeysetCursors;
import io.sqlitekit.support.page.KeysetFilters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.RowMapper;
import io.sqlitekit.support.repo.KeysetWalk;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Internal, not API, may change. Keyset reads over one table: a page after an opaque cursor, and a stream
 * that reads keyset batches. Every read is in a total order (ties broken by the primary key), and each batch
 * is one query whose cursor is closed before the stream hands out a row: nothing is held open across caller
 * code, so a stream over millions of rows needs only one batch of memory and pins no reader.
 *
 * @param <T> the entity type
 */
public final class KeysetQuery<T> {
  private final StatementRenderer render;
  private final RowExecutor exec;
  private final Selections<T> selections;
  private final RowMapper<T> mapper;
  private final SqliteDriver driver;

  /**
   * Creates the keyset reads of a table.
   *
   * @param render the renderer
   * @param exec the executor
   * @param selections the selections of the mapper
   * @param mapper the row mapper (for projected rows)
   * @param driver the driver the reads run on
   */
  public KeysetQuery(StatementRenderer render, RowExecutor exec, Selections<T> selections, RowMapper<T> mapper,
      SqliteDriver driver) {
    this.render = render;
    this.exec = exec;
    this.selections = selections;
    this.mapper = mapper;
    this.driver = driver;
  }

  /** The request's sort made total by the primary key, with every sort field checked. */
  private Sort total(Sort sort) {
    TableModel m = render.model();
    Sort total = sort.total(m.primaryKey().name());
    for (SortField f : total.fields()) {
      m.column(f.field());
    }
    return total;
  }

  /** The rows after a keyset position (all rows when {@code after} is null), in the total sort order. */
  private Rendered keysetWhere(Filter scope, Sort total, List<Object> after) {
    return render.where(after == null ? scope
        : Filters.and(scope, KeysetFilters.after(render.model().table(), total, after)));
  }

  private Map<String, Object> project(Map<String, Object> row, Projection p) {
    if (p.isAll()) {
      return row;
    }
    String pk = render.model().primaryKey().name();
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : row.entrySet()) {
      if (e.getKey().equals(pk) || p.include() == p.fields().contains(e.getKey())) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  /**
   * Reads one keyset page: up to {@code limit} rows after the request's cursor, and the cursor of the next
   * page when there are more.
   *
   * @param scope the filter with the policy scope
   * @param r the request
   * @param limit the page size (already bounded)
   * @return the page
   */
  public KeysetPage<T> page(Filter scope, KeysetRequest r, int limit) {
    Sort total = total(r.sort());
    selections.of(r.projection());
    List<Object> after = r.after() == null ? null : KeysetCursors.decode(r.after(), render.model().table(), total);
    Rendered w = keysetWhere(scope, total, after);
    String sql = render.select(selections.all().sql(), w, total, limit + 1, 0);
    Column[] all = selections.allColumns();
    List<Map<String, Object>> rows = driver.read(s -> exec.rows(s, sql, w.params(), all));
    boolean more = rows.size() > limit;
    if (more) {
      rows = rows.subList(0, limit);
    }
    String next = more ? KeysetCursors.encode(render.model().table(), total, rows.get(rows.size() - 1)) : null;
    List<T> items = new ArrayList<>(rows.size());
    for (Map<String, Object> row : rows) {
      items.add(mapper.fromFields(project(row, r.projection())));
    }
    return new KeysetPage<>(items, limit, next, more);
  }

  /** A stream batch: its entities, and the last row's values (every column) for the next keyset position. */
  private record Batch<E>(List<E> items, Object[] lastRow) {
  }

  /**
   * One stream batch mapped to entities as it is read: every column is read, because the next position needs
   * the sort values even when the projection leaves them out; with no projection, no per-row field map is
   * built.
   */
  private Batch<T> batch(SqlSession s, Filter scope, Sort total, List<Object> after, int fetch, Projection proj)
      throws SQLException {
    Rendered w = keysetWhere(scope, total, after);
    Selection<T> all = selections.all();
    Column[] cols = all.columns();
    List<T> out = new ArrayList<>(fetch);
    Object[] last = s.query(render.select(all.sql(), w, total, fetch, 0), w.params(), rs -> {
      Object[] values = null;
      while (rs.next()) {
        values = exec.values(rs, cols);
        if (proj.isAll()) {
          out.add(all.build(values));
        } else {
          Map<String, Object> row = new LinkedHashMap<>(cols.length * 2);
          for (int i = 0; i < cols.length; i++) {
            row.put(cols[i].name(), values[i]);
          }
          out.add(mapper.fromFields(project(row, proj)));
        }
      }
      return values;
    });
    return new Batch<>(out, last);
  }

  /**
   * Streams every row matching the scope in the options' total order, reading batches lazily.
   *
   * @param scope the filter with the policy scope
   * @param o the options
   * @return the stream
   */
  public Stream<T> stream(Filter scope, StreamOptions o) {
    Sort total = total(o.sort());
    selections.of(o.projection());
    render.where(scope);
    Projection proj = o.projection();
    Column[] all = selections.allColumns();
    int[] sortSlots = new int[total.fields().size()];
    for (int k = 0; k < sortSlots.length; k++) {
      sortSlots[k] = Arrays.asList(all).indexOf(render.model().column(total.fields().get(k).field()));
    }
    return KeysetWalk.stream(o.batchSize(), (after, size) -> {
      Batch<T> read = driver.read(s -> batch(s, scope, total, after, size, proj));
      if (read.items().isEmpty()) {
        return new KeysetWalk.Batch<>(read.items(), null);
      }
      List<Object> lastKey = new ArrayList<>(sortSlots.length);
      for (int slot : sortSlots) {
        lastKey.add(read.lastRow()[slot]);
      }
      return new KeysetWalk.Batch<>(read.items(), lastKey);
    });
  }
}
