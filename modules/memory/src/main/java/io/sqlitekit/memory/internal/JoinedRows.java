package io.sqlitekit.memory.internal;

import io.sqlitekit.memory.internal.FilterEvaluator.Predicate;
import io.sqlitekit.spi.json.JsonCodec;
import io.sqlitekit.support.repo.AggregateJoins;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Internal, not API, may change. The rows an aggregate with lookups reads, as the SQLite kit's joined source
 * has them: each base row with every joined field under its dotted name, from the first foreign row by primary
 * key whose foreign field equals the row's local field (SQLite's {@code =}: NULL matches nothing) within the
 * join's scope, or nulls on a miss.
 */
public final class JoinedRows {
  private JoinedRows() {
  }

  /**
   * Returns the joined rows of a base table, computed when called (so under the caller's read lock).
   *
   * @param store the store
   * @param base the base table
   * @param joins the resolved joins
   * @param json the JSON codec
   * @return the supplier of the joined rows, in base primary-key order
   */
  public static Supplier<Collection<Map<String, Object>>> of(Store store, Store.Table base, AggregateJoins joins,
      JsonCodec json) {
    List<Predicate> scopes = new ArrayList<>(joins.joins().size());
    for (AggregateJoins.Join j : joins.joins()) {
      // Compiled before any row is read, so a bad scope is refused up front.
      scopes.add(Rows.where(j.from(), j.scope(), json));
    }
    return () -> {
      List<Map<Object, Map<String, Object>>> firsts = new ArrayList<>(scopes.size());
      for (int i = 0; i < scopes.size(); i++) {
        AggregateJoins.Join j = joins.joins().get(i);
        Map<Object, Map<String, Object>> first = new TreeMap<>(SqlValues.ORDER);
        Optional<Store.Table> foreign = store.find(j.from().name());
        if (foreign.isPresent()) {
          for (Map<String, Object> row : foreign.get().rows()) {
            Object k = row.get(j.foreignField());
            if (k != null && scopes.get(i).test(row)) {
              first.putIfAbsent(k, row);
            }
          }
        }
        firsts.add(first);
      }
      List<Map<String, Object>> out = new ArrayList<>();
      for (Map<String, Object> row : base.rows()) {
        Map<String, Object> joined = new HashMap<>(row);
        for (int i = 0; i < firsts.size(); i++) {
          AggregateJoins.Join j = joins.joins().get(i);
          Object local = row.get(j.localField());
          Map<String, Object> match = local == null ? null : firsts.get(i).get(local);
          for (Map.Entry<String, String> f : j.fields().entrySet()) {
            joined.put(f.getKey(), match == null ? null : match.get(f.getValue()));
          }
        }
        out.add(joined);
      }
      return out;
    };
  }
}
