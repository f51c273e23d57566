package io.sqlitekit.core.internal.exec;

import io.sqlitekit.core.internal.render.StatementRenderer;
import io.sqlitekit.core.internal.render.TableModel;
import io.sqlitekit.core.internal.render.WriteChecks;
import io.sqlitekit.spi.driver.SqlSession;
import io.sqlitekit.spi.json.JsonCodec;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.StorageClass;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Internal, not API, may change. The one bulk-insert path, shared by {@code createMany} and the inserts of a
 * batch: rows that all carry their key and the same fields (in any order) go through one session batch, then
 * are built from what was bound or, when SQLite filled an omitted column from an SQL default expression, read
 * back by key in chunks; otherwise (generated or BLOB keys, differing fields) each row uses INSERT …
 * RETURNING. Like RETURNING, the result is each row as inserted, before AFTER triggers.
 */
public final class BulkInsert {
  /** Keys per read-back query, well below SQLite's default limit of bound parameters. */
  static final int KEYS_PER_READ = 500;

  private BulkInsert() {
  }

  /**
   * Checks every row (the first invalid one fails the call before anything runs), then inserts them in order.
   * With {@code oneRequest} (a driver without interactive transactions, whose statements commit one by one) rows
   * that cannot go through one session batch are sent as one {@link AtomicBatch} script instead of one statement
   * at a time.
   *
   * @param s the write session
   * @param writes the table's writes
   * @param rows the rows' fields, at least one
   * @param oneRequest whether the rows must be written by one session call
   * @param selections the table's selections, whose storage check knows the defaults the database declares
   *     (rows that omit such a column are read back); null when the caller does not use the stored rows
   * @return each stored row's values in the table's column order, in input order
   * @throws io.sqlitekit.spi.error.ValidationException for the first invalid row
   * @throws SQLException on failure
   */
  public static List<Object[]> insert(SqlSession s, RowWrites writes, List<Map<String, Object>> rows,
      boolean oneRequest, Selections<?> selections) throws SQLException {
    StatementRenderer render = writes.renderer();
    TableModel m = render.model();
    JsonCodec json = render.json();
    Column[] all = writes.allColumns();
    String pkName = m.primaryKey().name();
    // Keys are matched back through equals(), which byte[] keys do not have.
    boolean batchable = rows.size() > 1 && m.primaryKey().storage() != StorageClass.BLOB;
    // A row may leave out a nullable column that has no default of any kind: leaving it out stores NULL, so the
    // row binds NULL and stays in the one session batch (a record leaves out its null components).
    Set<String> omittable = batchable && selections != null ? selections.storage().nullWhenOmitted()
        : Set.of();
    Layout layout = encode(m, rows, omittable, json);
    List<String> fields = layout.fields();
    Map<String, Integer> slotOf = layout.slotOf();
    List<Object[]> encodedRows = layout.encodedRows();
    Integer pkSlotOrNull = slotOf.get(pkName);
    List<List<Object>> bound = new ArrayList<>(rows.size());
    for (Object[] encoded : encodedRows) {
      batchable &= encoded != null && pkSlotOrNull != null && encoded[pkSlotOrNull] != null;
      bound.add(encoded == null ? null : Arrays.asList(encoded));
    }
    if (!batchable) {
      List<Object[]> out = new ArrayList<>(rows.size());
      // Without interactive transactions the per-row inserts go as one atomic script, not one by one.
      List<Map<String, Object>> many = oneRequest && rows.size() > 1 ? AtomicBatch.insertAll(s, writes, rows) : null;
      for (int i = 0; i < rows.size(); i++) {
        Map<String, Object> stored = many != null ? many.get(i) : writes.insert(s, rows.get(i));
        Object[] values = new Object[all.length];
        for (int j = 0; j < all.length; j++) {
          values[j] = stored.get(all[j].name());
        }
        out.add(values);
      }
      return out;
    }
    s.batch(render.insert(fields), bound);
    int pkSlot = slotOf.get(pkName);
    // The TableDef may not know a default a migration declared: the database's own answer decides too.
    if (boundIsStored(all, slotOf) && (selections == null || selections.storage().storesAsBound(slotOf))) {
      return built(all, slotOf, bound, json);
    }
    List<Object> keys = new ArrayList<>(rows.size());
    for (List<Object> b : bound) {
      keys.add(b.get(pkSlot));
    }
    return readBack(s, writes, keys);
  }

  /**
   * One row to insert whose stored values are known before it runs: the statement, its parameters and the row as
   * SQLite will store it.
   *
   * @param sql the INSERT, without RETURNING
   * @param params the encoded values, in placeholder order
   * @param stored the stored values in the table's column order, decoded
   */
  public record LocalRow(String sql, List<Object> params, Object[] stored) {
  }

  /**
   * When what a row binds is exactly what SQLite stores — it carries its key and no omitted column is filled from
   * an SQL default expression — checks it (as {@link #insert} does) and returns the statement and the stored row
   * without running anything. The caller can then build its entity first, so a row that cannot be mapped is
   * never written, and run the insert as one statement.
   *
   * @param writes the table's writes
   * @param row the row's fields
   * @param selections the table's selections, whose storage check knows the database's column defaults
   * @return the row, or null, unchecked, when SQLite decides part of it (the caller inserts with RETURNING)
   * @throws io.sqlitekit.spi.error.ValidationException for an invalid row with its key
   */
  public static LocalRow local(RowWrites writes, Map<String, Object> row, Selections<?> selections) {
    StatementRenderer render = writes.renderer();
    TableModel m = render.model();
    List<String> fields = new ArrayList<>(row.keySet());
    Map<String, Integer> slotOf = slots(fields);
    Column[] all = writes.allColumns();
    // The TableDef may not know a default a migration declared: the database's own answer decides too.
    if (row.get(m.primaryKey().name()) == null || !boundIsStored(all, slotOf)
        || !selections.storage().storesAsBound(slotOf)) {
      return null;
    }
    List<Object> params = Arrays.asList(WriteChecks.checkInsert(m, row, slotOf, render.json()));
    return new LocalRow(render.insert(fields), params, built(all, slotOf, List.of(params), render.json()).get(0));
  }

  /**
   * The statement's fields and each row's values encoded in their order, or null for a row that does not fit.
   *
   * @param fields the fields, the first row's followed by any a widened layout added
   * @param slotOf each field's position
   * @param encodedRows each row's encoded values, in input order
   */
  private record Layout(List<String> fields, Map<String, Integer> slotOf, List<Object[]> encodedRows) {
  }

  /**
   * Checks every row in order (the first invalid one throws) and encodes it in the first row's field order; a row
   * may leave out fields of {@code omittable}. When some row has a field the first lacks, the layout widens to
   * the union if every added field is omittable.
   */
  private static Layout encode(TableModel m, List<Map<String, Object>> rows, Set<String> omittable, JsonCodec json) {
    List<String> fields = new ArrayList<>(rows.get(0).keySet());
    Map<String, Integer> slotOf = slots(fields);
    // Each row's values in the statement's column order, or null while its fields do not fit the layout.
    List<Object[]> encodedRows = new ArrayList<>(rows.size());
    Column[] layout = null;
    boolean misfits = false;
    for (Map<String, Object> r : rows) {
      // The first row is checked in full; a row with its fields then needs only its values checked.
      Object[] encoded = layout == null ? null
          : WriteChecks.checkInsertInLayout(m, r, fields, layout, omittable, json);
      if (encoded == null) {
        encoded = WriteChecks.checkInsert(m, r, slotOf, json);
      }
      if (layout == null) {
        layout = columnsOf(m, fields);
      }
      misfits |= encoded == null;
      encodedRows.add(encoded);
    }
    if (misfits) {
      // Some row has a field the first lacks: bind the union when every such field may be left out.
      List<String> widened = widenedLayout(rows, encodedRows, fields, omittable);
      if (widened != null) {
        Column[] wideLayout = columnsOf(m, widened);
        for (int i = 0; i < rows.size(); i++) {
          Object[] e = encodedRows.get(i);
          encodedRows.set(i, e != null ? Arrays.copyOf(e, widened.size())
              : WriteChecks.checkInsertInLayout(m, rows.get(i), widened, wideLayout, omittable, json));
        }
        fields = widened;
        slotOf = slots(fields);
      }
    }
    return new Layout(fields, slotOf, encodedRows);
  }

  /**
   * The first row's fields followed by the other fields of the rows that do not fit them, or null when one of
   * those other fields may not be left out (then the rows cannot share one statement).
   */
  private static List<String> widenedLayout(List<Map<String, Object>> rows, List<Object[]> encodedRows,
      List<String> fields, Set<String> omittable) {
    Set<String> union = new LinkedHashSet<>(fields);
    for (int i = 0; i < rows.size(); i++) {
      if (encodedRows.get(i) != null) {
        continue;
      }
      for (String f : rows.get(i).keySet()) {
        if (union.add(f) && !omittable.contains(f)) {
          return null;
        }
      }
    }
    return new ArrayList<>(union);
  }

  /** Each field's column, in the given order. */
  private static Column[] columnsOf(TableModel m, List<String> fields) {
    Column[] columns = new Column[fields.size()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = m.column(fields.get(i));
    }
    return columns;
  }

  /** Each field's placeholder position, in the given order. */
  private static Map<String, Integer> slots(List<String> fields) {
    Map<String, Integer> slotOf = new HashMap<>(fields.size() * 2);
    for (int i = 0; i < fields.size(); i++) {
      slotOf.put(fields.get(i), i);
    }
    return slotOf;
  }

  /**
   * Whether the stored row is exactly what is bound: true unless SQLite fills an omitted column from an SQL
   * default expression (then, only then, the row must be read back).
   */
  private static boolean boundIsStored(Column[] all, Map<String, Integer> slotOf) {
    for (Column c : all) {
      if (c.defaultSql() != null && !slotOf.containsKey(c.name())) {
        return false;
      }
    }
    return true;
  }

  /** Each row's stored values from what was bound, and the encoded defaults of omitted columns. */
  private static List<Object[]> built(Column[] all, Map<String, Integer> slotOf, List<List<Object>> bound,
      JsonCodec json) {
    int[] slot = new int[all.length];
    Object[] omittedStored = new Object[all.length];
    for (int j = 0; j < all.length; j++) {
      slot[j] = slotOf.getOrDefault(all[j].name(), -1);
      Column c = all[j];
      if (slot[j] < 0 && c.defaultValue() != null) {
        omittedStored[j] = c.toSql(c.defaultValue(), json);
      }
    }
    List<Object[]> out = new ArrayList<>(bound.size());
    for (List<Object> encoded : bound) {
      Object[] values = new Object[all.length];
      for (int j = 0; j < all.length; j++) {
        int i = slot[j];
        values[j] = all[j].fromSql(i >= 0 ? encoded.get(i) : omittedStored[j], json);
      }
      out.add(values);
    }
    return out;
  }

  /** Reads the inserted rows back by their encoded keys, in key order, in chunks of {@link #KEYS_PER_READ}. */
  private static List<Object[]> readBack(SqlSession s, RowWrites writes, List<Object> keys) throws SQLException {
    StatementRenderer render = writes.renderer();
    Column[] all = writes.allColumns();
    Column pk = render.model().primaryKey();
    int pkIndex = Arrays.asList(all).indexOf(pk);
    Map<Object, Object[]> byKey = new HashMap<>(keys.size() * 2);
    for (int from = 0; from < keys.size(); from += KEYS_PER_READ) {
      List<Object> chunk = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_READ));
      for (Object[] values : writes.executor().valueRows(s, render.selectByKeys(chunk.size()), chunk, all)) {
        byKey.put(pk.toSql(values[pkIndex], render.json()), values);
      }
    }
    List<Object[]> out = new ArrayList<>(keys.size());
    for (Object k : keys) {
      Object[] values = byKey.get(k);
      if (values == null) {
        throw new IllegalStateException("an inserted row is not visible in its own transaction");
      }
      out.add(values);
    }
    return out;
  }
}
