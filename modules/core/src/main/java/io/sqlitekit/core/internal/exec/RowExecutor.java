package io.sqlitekit.core.internal.exec;

import io.sqlitekit.spi.driver.Row;
import io.sqlitekit.spi.driver.Rows;
import io.sqlitekit.spi.driver.SqlSession;
import io.sqlitekit.spi.json.JsonCodec;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.ColumnMode;
import io.sqlitekit.spi.table.StorageClass;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Internal, not API, may change. Runs rendered statements on a session and reads their rows: the one place
 * values are bound (the session binds them) and the one place column values are decoded (by the column
 * codecs). Entities are built straight from each row's values; field maps only where a caller needs them.
 * Stateless apart from the codec; thread-safe.
 */
public final class RowExecutor {
  private final JsonCodec json;

  /**
   * Creates the executor.
   *
   * @param json the codec of JSON-mode columns
   */
  public RowExecutor(JsonCodec json) {
    this.json = json;
  }

  /**
   * Decodes one column value of the current row.
   *
   * @param row the row
   * @param i the 0-based column index
   * @param c the column whose codec decodes it
   * @return the value
   * @throws SQLException on a failing read
   */
  public Object value(Row row, int i, Column c) throws SQLException {
    if (c.mode() == ColumnMode.PLAIN && c.storage() == StorageClass.TEXT) {
      // Values written through the codec are text here (text affinity also turns numbers into text), so
      // getString reads them exactly and skips a type probe per column.
      return row.getString(i);
    }
    return c.fromSql(row.getObject(i), json);
  }

  /**
   * Decodes one column value of the current row whose storage class the database guarantees
   * ({@link StorageCheck}): one typed getter instead of a type probe and a read. A zero may be a NULL, so only
   * a zero is probed again (the table's real NOT NULL constraint may differ from the declaration).
   */
  private Object typedValue(Row row, int i, Column c) throws SQLException {
    if (c.storage() == StorageClass.REAL) {
      double d = row.getDouble(i);
      return d == 0 && row.isNull(i) ? null : (Object) d;
    }
    long v = row.getLong(i);
    if (v == 0 && row.isNull(i)) {
      return null;
    }
    return c.mode() == ColumnMode.PLAIN ? (Object) v : c.fromSql(v, json);
  }

  /**
   * Decodes the current row's values in column order, with typed getters for the numeric columns when the
   * table guarantees their storage class.
   *
   * @param row the row
   * @param cols the columns, in output order
   * @param typed a flag per column ({@link Selection#typedReads}), or null for none
   * @return the values
   * @throws SQLException on a failing read
   */
  public Object[] values(Row row, Column[] cols, boolean[] typed) throws SQLException {
    if (typed == null) {
      return values(row, cols);
    }
    Object[] values = new Object[cols.length];
    for (int i = 0; i < cols.length; i++) {
      values[i] = typed[i] ? typedValue(row, i, cols[i]) : value(row, i, cols[i]);
    }
    return values;
  }

  /**
   * Decodes the current row's values in column order.
   *
   * @param row the row
   * @param cols the columns, in output order
   * @return the values
   * @throws SQLException on a failing read
   */
  public Object[] values(Row row, Column[] cols) throws SQLException {
    Object[] values = new Object[cols.length];
    for (int i = 0; i < cols.length; i++) {
      values[i] = value(row, i, cols[i]);
    }
    return values;
  }

  /**
   * Decodes the current row into a field map in column order.
   *
   * @param row the row
   * @param cols the columns, in output order
   * @return the fields
   * @throws SQLException on a failing read
   */
  public Map<String, Object> fields(Row row, Column[] cols) throws SQLException {
    Map<String, Object> m = new LinkedHashMap<>(cols.length * 2);
    for (int i = 0; i < cols.length; i++) {
      m.put(cols[i].name(), value(row, i, cols[i]));
    }
    return m;
  }

  /**
   * Reads the first row as an entity.
   *
   * @param s the session
   * @param sql the query
   * @param params its parameters
   * @param sel the selection it reads
   * @param <T> the entity type
   * @return the entity, or empty when there is no row
   * @throws SQLException on failure
   */
  public <T> Optional<T> one(SqlSession s, String sql, List<Object> params, Selection<T> sel) throws SQLException {
    boolean[] typed = sel.typedReads();
    return s.query(sql, params, rs -> rs.next() ? Optional.of(sel.build(values(rs, sel.columns(), typed)))
        : Optional.empty());
  }

  /**
   * Reads every row as an entity.
   *
   * @param s the session
   * @param sql the query
   * @param params its parameters
   * @param sel the selection it reads
   * @param <T> the entity type
   * @return the entities, in row order
   * @throws SQLException on failure
   */
  public <T> List<T> list(SqlSession s, String sql, List<Object> params, Selection<T> sel) throws SQLException {
    boolean[] typed = sel.typedReads();
    return s.query(sql, params, rs -> {
      Column[] cols = sel.columns();
      List<T> out = new ArrayList<>();
      while (rs.next()) {
        out.add(sel.build(values(rs, cols, typed)));
      }
      return out;
    });
  }

  /**
   * Reads the first row as a field map.
   *
   * @param s the session
   * @param sql the query
   * @param params its parameters
   * @param cols the columns it reads
   * @return the fields, or empty when there is no row
   * @throws SQLException on failure
   */
  public Optional<Map<String, Object>> oneRow(SqlSession s, String sql, List<Object> params, Column[] cols)
      throws SQLException {
    return s.query(sql, params, rs -> rs.next() ? Optional.of(fields(rs, cols)) : Optional.empty());
  }

  /**
   * Reads every row as a field map.
   *
   * @param s the session
   * @param sql the query
   * @param params its parameters
   * @param cols the columns it reads
   * @return the rows
   * @throws SQLException on failure
   */
  public List<Map<String, Object>> rows(SqlSession s, String sql, List<Object> params, Column[] cols)
      throws SQLException {
    return s.query(sql, params, rs -> {
      List<Map<String, Object>> out = new ArrayList<>();
      while (rs.next()) {
        out.add(fields(rs, cols));
      }
      return out;
    });
  }

  /**
   * Reads every row's values.
   *
   * @param s the session
   * @param sql the query
   * @param params its parameters
   * @param cols the columns it reads
   * @return one value array per row
   * @throws SQLException on failure
   */
  public List<Object[]> valueRows(SqlSession s, String sql, List<Object> params, Column[] cols)
      throws SQLException {
    return s.query(sql, params, rs -> {
      List<Object[]> out = new ArrayList<>();
      while (rs.next()) {
        out.add(values(rs, cols));
      }
      return out;
    });
  }

  /**
   * Reads every row's values in a selection's column order, with its typed reads ({@link Selection#typedReads}).
   *
   * @param s the session
   * @param sql the query
   * @param params its parameters
   * @param sel the selection it reads
   * @return one value array per row
   * @throws SQLException on failure
   */
  public List<Object[]> valueRows(SqlSession s, String sql, List<Object> params, Selection<?> sel)
      throws SQLException {
    boolean[] typed = sel.typedReads();
    Column[] cols = sel.columns();
    return s.query(sql, params, rs -> {
      List<Object[]> out = new ArrayList<>();
      while (rs.next()) {
        out.add(values(rs, cols, typed));
      }
      return out;
    });
  }

  /**
   * Reads the first column of the first row as a number (a count).
   *
   * @param s the session
   * @param sql the query
   * @param params its parameters
   * @return the value, 0 when there is no row
   * @throws SQLException on failure
   */
  public long scalar(SqlSession s, String sql, List<Object> params) throws SQLException {
    return s.query(sql, params, rs -> rs.next() ? rs.getLong(0) : 0L);
  }

  /**
   * Returns whether the query has a row.
   *
   * @param s the session
   * @param sql the query
   * @param params its parameters
   * @return true when it has one
   * @throws SQLException on failure
   */
  public boolean exists(SqlSession s, String sql, List<Object> params) throws SQLException {
    return s.query(sql, params, Rows::next);
  }

  /**
   * Decodes a whole column, first column of every row.
   *
   * @param s the session
   * @param sql the query
   * @param params its parameters
   * @param c the column whose codec decodes the values
   * @return the values
   * @throws SQLException on failure
   */
  public List<Object> column(SqlSession s, String sql, List<Object> params, Column c) throws SQLException {
    return s.query(sql, params, rs -> {
      List<Object> out = new ArrayList<>();
      while (rs.next()) {
        out.add(c.fromSql(rs.getObject(0), json));
      }
      return out;
    });
  }
}
