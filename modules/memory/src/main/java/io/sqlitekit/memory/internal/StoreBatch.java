package io.sqlitekit.memory.internal;

import io.sqlitekit.spi.BatchResult;
import io.sqlitekit.spi.BatchStatement;
import io.sqlitekit.spi.UpsertOptions;
import io.sqlitekit.spi.table.TableDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Internal, not API, may change. Runs batch statements in order as the SQLite kit's batch runner does,
 * including its early validation of a run of same-shaped inserts. Callers hold the store's write lock.
 */
public final class StoreBatch {
  private StoreBatch() {}

  /**
   * Runs statements of this table and of other registered tables; only this table's results carry rows.
   *
   * @param store the store other tables are registered in
   * @param writes the row writes
   * @param own this repository's table
   * @param all the statements
   * @param toEntities turns this table's stored rows into entities
   * @param <T> the entity type
   * @return one result per statement
   */
  public static <T> List<BatchResult<T>> run(Store store, StoreWrites writes, Store.Table own,
      List<BatchStatement> all, Function<List<Map<String, Object>>, List<T>> toEntities) {
    List<BatchResult<T>> out = new ArrayList<>(all.size());
    int validatedUpTo = 0;
    for (int i = 0; i < all.size(); i++) {
      BatchStatement st = all.get(i);
      boolean mine = st.table().equals(own.def());
      Store.Table t = mine ? own : registered(store, st.table());
      if (i >= validatedUpTo) {
        // The SQLite kit sends a run of same-shaped inserts as one JDBC batch, checking every row before the
        // first is written; so a bad row in the run is reported before a constraint failure of an earlier one.
        int run = insertRun(all, i);
        for (int k = i; run > 1 && k < i + run; k++) {
          writes.validateInsert(st.table(), all.get(k).data());
        }
        validatedUpTo = i + run;
      }
      List<Map<String, Object>> rows = new ArrayList<>(1);
      long changes;
      switch (st.kind()) {
        case INSERT:
          rows.add(writes.insert(t, st.data()));
          changes = 1;
          break;
        case UPSERT:
          rows.add(writes.upsert(t, st.data(), UpsertOptions.onPrimaryKey(), st.update(), st.scope()));
          changes = 1;
          break;
        case UPDATE: {
          Optional<Map<String, Object>> r = writes.update(t, st.id(), st.scope(), st.update(), null);
          r.ifPresent(rows::add);
          changes = r.isPresent() ? 1 : 0;
          break;
        }
        case DELETE:
        default:
          changes = writes.deleteById(t, st.id(), st.scope()) ? 1 : 0;
          break;
      }
      out.add(new BatchResult<>(st.kind(), changes, mine ? toEntities.apply(rows) : List.of()));
    }
    return out;
  }

  /**
   * How many statements from {@code from} the SQLite kit runs as one JDBC insert batch: consecutive INSERTs of
   * one table carrying the primary key and the same fields in the same order; otherwise 1.
   */
  private static int insertRun(List<BatchStatement> all, int from) {
    BatchStatement first = all.get(from);
    if (first.kind() != BatchStatement.Kind.INSERT || !first.data().containsKey(first.table().primaryKey().name())) {
      return 1;
    }
    List<String> fields = new ArrayList<>(first.data().keySet());
    int end = from + 1;
    while (end < all.size()) {
      BatchStatement st = all.get(end);
      if (st.kind() != first.kind() || !st.table().equals(first.table())
          || !fields.equals(new ArrayList<>(st.data().keySet()))) {
        break;
      }
      end++;
    }
    return end - from;
  }

  private static Store.Table registered(Store store, TableDef other) {
    Defaults.check(other);
    return store.table(other);
  }
}
