package io.sqlitekit.memory.internal;

import io.sqlitekit.memory.internal.FilterEvaluator.Predicate;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.json.JsonCodec;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Internal, not API, may change. {@code archiveByFilter} in memory, as the SQLite kit does it: every row in
 * scope is inserted into the archive table (with the archive's checks: NOT NULL, keys, UNIQUE), then deleted,
 * inside one {@link Store#write}, whose undo log restores both tables when anything fails half-way.
 */
public final class StoreArchive {
  private StoreArchive() {
  }

  /**
   * Moves the rows in scope to the archive table.
   *
   * @param store the kit's store
   * @param writes the kit's row writes
   * @param source the table rows come from
   * @param scope the filter with the policy scope
   * @param archive the archive definition, checked compatible with the source definition
   * @param json the JSON codec
   * @return the rows moved
   * @throws ValidationException when no repository of this kit uses the archive table, or it is registered
   *     with another definition
   */
  public static long move(Store store, StoreWrites writes, Store.Table source, Filter scope, TableDef archive,
      JsonCodec json) {
    Store.Table target = store.find(archive.name()).orElseThrow(() -> new ValidationException("archive",
        String.format(Locale.ROOT, "archiveByFilter: archive table \"%s\" does not exist in this kit; create a "
            + "repository for it first", archive.name())));
    if (!target.def().equals(archive)) {
      throw new ValidationException("archive", String.format(Locale.ROOT,
          "archiveByFilter: archive table \"%s\" exists with another definition", archive.name()));
    }
    Predicate p = Rows.where(source.def(), scope, json);
    return store.write(() -> {
      List<Map<String, Object>> moving = new ArrayList<>();
      for (Map<String, Object> r : source.rows()) {
        if (p.test(r)) {
          moving.add(r);
        }
      }
      for (Map<String, Object> r : moving) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Column c : source.def().columns()) {
          // The stored value as the archive column reads it, so the archive stores what SQLite would copy.
          Column a = archive.require(c.name());
          fields.put(a.name(), a.fromSql(r.get(c.name()), json));
        }
        writes.insert(target, fields);
      }
      long deleted = writes.deleteWhere(source, scope);
      if (deleted != moving.size()) {
        throw new IllegalStateException(String.format(Locale.ROOT,
            "archiveByFilter on table \"%s\" copied %d rows but deleted %d; rolled back", source.def().name(),
            moving.size(), deleted));
      }
      return deleted;
    });
  }
}
