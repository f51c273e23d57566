package io.sqlitekit.core.internal.exec;

import io.sqlitekit.core.internal.render.Rendered;
import io.sqlitekit.core.internal.render.TableModel;
import io.sqlitekit.spi.BatchResult;
import io.sqlitekit.spi.BatchStatement;
import io.sqlitekit.spi.UpsertOptions;
import io.sqlitekit.spi.driver.SqlSession;
import io.sqlitekit.spi.table.RowMapper;
import io.sqlitekit.spi.table.TableDef;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Internal, not API, may change. Runs a batch's statements in order inside the caller's write session.
 * Consecutive statements of one shape run as one session batch: DELETEs of one table with the same rendered
 * SQL, and INSERTs of one table with the same fields including the key (through {@link BulkInsert}); the rest
 * run one by one. Statements may touch other tables; only the repository's own table returns rows.
 *
 * @param <T> the entity type of the repository's table
 */
public final class BatchRunner<T> {
  private final RowWrites own;
  private final Selections<T> ownSelections;
  private final RowMapper<T> mapper;

  /**
   * Creates the runner of a repository.
   *
   * @param own the writes of the repository's table
   * @param ownSelections the selections of that table
   * @param mapper the repository's row mapper
   */
  public BatchRunner(RowWrites own, Selections<T> ownSelections, RowMapper<T> mapper) {
    this.own = own;
    this.ownSelections = ownSelections;
    this.mapper = mapper;
  }

  /**
   * Runs the statements.
   *
   * @param s the write session
   * @param all the statements, in order
   * @return one result per statement, in order
   * @throws SQLException on failure (the caller's transaction rolls everything back)
   */
  public List<BatchResult<T>> run(SqlSession s, List<BatchStatement> all) throws SQLException {
    TableDef ownTable = own.renderer().model().table();
    List<BatchResult<T>> out = new ArrayList<>(all.size());
    Map<String, RowWrites> others = new HashMap<>();
    for (int i = 0; i < all.size(); i++) {
      BatchStatement st = all.get(i);
      boolean isOwn = st.table().equals(ownTable);
      RowWrites w = isOwn ? own : others.computeIfAbsent(st.table().name() + "#" + st.table().hashCode(),
          k -> own.forTable(TableModel.of(st.table())));
      int run = runLength(w, all, i);
      if (run > 1) {
        out.addAll(runBatch(s, w, isOwn, all.subList(i, i + run)));
        i += run - 1;
        continue;
      }
      List<Map<String, Object>> rows = new ArrayList<>(1);
      long changes;
      switch (st.kind()) {
        case INSERT:
          rows.add(w.insert(s, st.data()));
          changes = 1;
          break;
        case UPSERT:
          rows.add(w.upsert(s, st.data(), UpsertOptions.onPrimaryKey(), st.update(), st.scope()));
          changes = 1;
          break;
        case UPDATE: {
          Optional<Map<String, Object>> r = w.update(s, st.id(), st.scope(), st.update(), null);
          r.ifPresent(rows::add);
          changes = r.isPresent() ? 1 : 0;
          break;
        }
        case DELETE:
        default:
          changes = w.deleteById(s, st.id(), st.scope());
          break;
      }
      List<T> entities = new ArrayList<>(rows.size());
      if (isOwn) {
        for (Map<String, Object> r : rows) {
          entities.add(mapper.fromFields(r));
        }
      }
      out.add(new BatchResult<>(st.kind(), changes, isOwn ? entities : List.of()));
    }
    return out;
  }

  /**
   * Returns how many statements from {@code from} share one shape and can run as one session batch:
   * consecutive DELETEs of one table with the same rendered SQL, or consecutive INSERTs of one table with the
   * same fields (in the same order) including the primary key.
   */
  private static int runLength(RowWrites w, List<BatchStatement> all, int from) {
    BatchStatement first = all.get(from);
    String pk = w.renderer().model().primaryKey().name();
    if (first.kind() != BatchStatement.Kind.INSERT && first.kind() != BatchStatement.Kind.DELETE
        || first.kind() == BatchStatement.Kind.INSERT && !first.data().containsKey(pk)) {
      return 1;
    }
    String shape = first.kind() == BatchStatement.Kind.DELETE ? w.renderer().where(first.scope()).sql() : null;
    List<String> fields = new ArrayList<>(first.data().keySet());
    int end = from + 1;
    while (end < all.size()) {
      BatchStatement st = all.get(end);
      if (st.kind() != first.kind() || !st.table().equals(first.table())
          || (shape != null ? !shape.equals(w.renderer().where(st.scope()).sql())
              : !fields.equals(new ArrayList<>(st.data().keySet())))) {
        break;
      }
      end++;
    }
    return end - from;
  }

  /** Runs statements of one shape (see {@link #runLength}) as one session batch. */
  private List<BatchResult<T>> runBatch(SqlSession s, RowWrites w, boolean isOwn, List<BatchStatement> run)
      throws SQLException {
    List<BatchResult<T>> out = new ArrayList<>(run.size());
    if (run.get(0).kind() == BatchStatement.Kind.DELETE) {
      String sql = null;
      List<List<Object>> bound = new ArrayList<>(run.size());
      for (BatchStatement st : run) {
        Rendered del = w.renderer().delete(w.renderer().byId(w.renderer().encodeId(st.id()), st.scope()));
        sql = sql == null ? del.sql() : sql;
        bound.add(del.params());
      }
      for (long c : s.batch(sql, bound)) {
        out.add(new BatchResult<>(BatchStatement.Kind.DELETE, c, List.of()));
      }
      return out;
    }
    List<Map<String, Object>> rows = new ArrayList<>(run.size());
    for (BatchStatement st : run) {
      rows.add(st.data());
    }
    // Another table's stored rows are not returned, so its defaults need not be known.
    for (Object[] values : BulkInsert.insert(s, w, rows, false, isOwn ? ownSelections : null)) {
      out.add(new BatchResult<>(BatchStatement.Kind.INSERT, 1, isOwn ? List.of(ownSelections.all().build(values)) : List.of()));
    }
    return out;
  }
}
