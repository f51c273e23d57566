package io.sqlitekit.core.internal.exec;

import io.sqlitekit.core.internal.render.Rendered;
import io.sqlitekit.core.internal.render.StatementRenderer;
import io.sqlitekit.core.internal.render.TableModel;
import io.sqlitekit.spi.driver.SqlSession;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.StorageClass;
import io.sqlitekit.spi.update.Update;
import io.sqlitekit.support.rules.WriteRules;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Internal, not API, may change. Several writes whose SQL is all known up front, run by one
 * {@link SqlSession#atomic} call: one atomic request on a driver without interactive transactions (Cloudflare D1),
 * a plain sequence inside the write transaction elsewhere.
 *
 * <p>Such a request answers with the last statement's rows only, so what the kit needs from each write (its
 * change count, the row it wrote) is collected inside the request into a scratch table and read by a closing
 * {@code DELETE … RETURNING}; the table is left empty. Its columns have no type (no affinity), so values come
 * back exactly as stored. The checks the kit runs before a write (the 64-bit overflow probe of an increment, the
 * scope of an upsert's conflict) become <em>guards</em>: a statement that evaluates {@code json_extract} with
 * an invalid path naming the guard, only for a row that breaks the rule, which fails the whole request; the
 * kit maps that failure back to the check's own typed exception. So nothing between two statements depends on
 * a read the kit made earlier. {@link #runLast} runs the guards of a single write in the same request.
 */
public final class AtomicScript {
  /** Marks the failures of guards; the number after it indexes {@link #guards}. */
  private static final String MARK = "sqlitekit-guard-";
  private static final Pattern GUARD = Pattern.compile(MARK + "(\\d+)-");
  private static final String CHANGES = "\"sqlitekit_n\"";

  /** What is kept of one statement: its changes, and whether (and which) row was recorded. */
  private enum Record {
    CHANGES, ROW_IF_CHANGED, ROW
  }

  /** One statement's outcome, read back from the scratch table. */
  public record Outcome(long changes, Optional<Map<String, Object>> row) {}

  private final String scratch;
  private final int width;
  private final List<String> sql = new ArrayList<>();
  private final List<List<Object>> params = new ArrayList<>();
  private final List<Supplier<RuntimeException>> guards = new ArrayList<>();
  /** The columns of each recorded statement's table, by sequence number. */
  private final Map<Integer, Column[]> recorded = new HashMap<>();
  private final RowExecutor exec;

  /**
   * Starts a script whose recorded rows have at most {@code maxColumns} columns.
   *
   * @param exec the executor that decodes recorded rows
   * @param maxColumns the widest table the script records a row of
   */
  public AtomicScript(RowExecutor exec, int maxColumns) {
    this.exec = exec;
    // A handful of widths, so a few scratch tables serve every schema.
    this.width = Math.max(16, (maxColumns + 15) / 16 * 16);
    this.scratch = "\"_sqlitekit_scratch_" + width + "\"";
    StringBuilder cols = new StringBuilder();
    for (int i = 0; i < width; i++) {
      cols.append(", v").append(i);
    }
    add("CREATE TABLE IF NOT EXISTS " + scratch + " (seq INTEGER NOT NULL, changes INTEGER, found INTEGER" + cols
        + ")", List.of());
    // Left empty by every script; cleared anyway, so a stray row can never be read as this script's.
    add("DELETE FROM " + scratch, List.of());
  }

  /**
   * Returns the name of the scratch table of scripts recording rows of at most {@code maxColumns} columns.
   *
   * @param maxColumns the widest table
   * @return the unquoted table name
   */
  public static String scratchTable(int maxColumns) {
    return "_sqlitekit_scratch_" + Math.max(16, (maxColumns + 15) / 16 * 16);
  }

  private void add(String s, List<Object> p) {
    sql.add(s);
    params.add(p);
  }

  /**
   * Adds a write (no rows returned).
   *
   * @param w the statement
   */
  public void write(Rendered w) {
    add(w.sql(), w.params());
  }

  /**
   * Records the change count of the write just added.
   *
   * @param seq the number the outcome is read back under
   */
  public void recordChanges(int seq) {
    add("INSERT INTO " + scratch + " (seq, changes, found) VALUES (" + seq + ", changes(), 0)", List.of());
  }

  /**
   * Records the change count of the write just added and, when it changed a row, the row matching
   * {@code cond}.
   *
   * @param seq the number the outcome is read back under
   * @param render the table's renderer
   * @param cond the condition of the written row (a key, or {@code rowid = last_insert_rowid()})
   */
  public void recordChangedRow(int seq, StatementRenderer render, Rendered cond) {
    record(seq, render, cond, Record.ROW_IF_CHANGED);
  }

  /**
   * Records the row matching {@code cond} as it is now, if any; its change count is 1 when found, else 0.
   *
   * @param seq the number the outcome is read back under
   * @param render the table's renderer
   * @param cond the row's condition
   */
  public void recordRow(int seq, StatementRenderer render, Rendered cond) {
    record(seq, render, cond, Record.ROW);
  }

  private void record(int seq, StatementRenderer render, Rendered cond, Record how) {
    TableModel m = render.model();
    List<Column> cols = m.columns();
    if (cols.size() > width) {
      throw new IllegalStateException("scratch table narrower than table " + m.table().name());
    }
    StringBuilder vs = new StringBuilder();
    for (int i = 0; i < cols.size(); i++) {
      vs.append(", v").append(i);
    }
    String found = m.quotedTable() + ".rowid IS NOT NULL";
    String changes = how == Record.ROW ? "(" + found + ")" : "c." + CHANGES;
    String on = how == Record.ROW ? "(" + cond.sql() + ")" : "c." + CHANGES + " > 0 AND (" + cond.sql() + ")";
    // changes() is read before this INSERT completes, so it is the previous statement's count.
    add("INSERT INTO " + scratch + " (seq, changes, found" + vs + ") SELECT " + seq + ", " + changes + ", " + found
        + ", " + m.selectList() + " FROM (SELECT changes() AS " + CHANGES + ") AS c LEFT JOIN " + m.quotedTable()
        + " ON " + on, cond.params());
    recorded.put(seq, cols.toArray(new Column[0]));
  }

  /**
   * Records the first row a query finds, as it is before the writes that follow (its change count is 1).
   *
   * @param seq the number the outcome is read back under
   * @param render the table's renderer
   * @param select {@code SELECT <every column of the table> FROM …} as the renderer renders it
   * @param params its parameters
   */
  public void recordFirst(int seq, StatementRenderer render, String select, List<Object> params) {
    TableModel m = render.model();
    String head = "SELECT " + m.selectList() + " FROM ";
    if (!select.startsWith(head)) {
      throw new IllegalStateException("not a select of every column: " + select);
    }
    StringBuilder vs = new StringBuilder();
    for (int i = 0; i < m.columns().size(); i++) {
      vs.append(", v").append(i);
    }
    add("INSERT INTO " + scratch + " (seq, changes, found" + vs + ") SELECT " + seq + ", 1, 1, "
        + select.substring("SELECT ".length()), params);
    recorded.put(seq, m.columns().toArray(new Column[0]));
  }

  /**
   * Returns the condition "the row recorded under {@code seq}" (by its key), for the statements that follow.
   *
   * @param seq a row recorded by {@link #recordFirst}
   * @param render the table's renderer
   * @return the condition
   */
  public Rendered recordedKey(int seq, StatementRenderer render) {
    TableModel m = render.model();
    int pk = m.columns().indexOf(m.primaryKey());
    return new Rendered(m.expr(m.primaryKey().name()) + " IN (SELECT v" + pk + " FROM " + scratch + " WHERE seq = "
        + seq + ")", List.of());
  }

  /**
   * Adds an insert that runs only when nothing was recorded under {@code seq} (nothing was found).
   *
   * @param seq the recorded statement
   * @param insert the checked insert, without RETURNING ({@code INSERT INTO t (…) VALUES (…)})
   */
  public void insertIfNoneRecorded(int seq, Rendered insert) {
    int values = insert.sql().lastIndexOf(" VALUES (");
    if (values < 0 || !insert.sql().endsWith(")")) {
      throw new io.sqlitekit.spi.error.ValidationException(
          "a row without any field cannot be inserted conditionally in one request; give it a field");
    }
    add(insert.sql().substring(0, values) + " SELECT " + insert.sql().substring(values + " VALUES (".length(),
        insert.sql().length() - 1) + " WHERE NOT EXISTS (SELECT 1 FROM " + scratch + " WHERE seq = " + seq + ")",
        insert.params());
  }

  /**
   * Returns the condition of the row the last insert wrote, by its rowid.
   *
   * @param m the table
   * @return {@code t.rowid = last_insert_rowid()}
   */
  public static Rendered lastInserted(TableModel m) {
    return new Rendered(m.quotedTable() + ".rowid = last_insert_rowid()", List.of());
  }

  /**
   * Adds a guard that fails the script, with the given error, when the recorded statement {@code seq} found no
   * row.
   *
   * @param seq the recorded statement
   * @param error the error the kit throws instead
   */
  public void requireRecordedRow(int seq, Supplier<RuntimeException> error) {
    add("INSERT INTO " + scratch + " (seq) SELECT json_extract(1, '" + mark(error) + "' || substr(seq, 1, 0)) FROM "
        + scratch + " WHERE seq = " + seq + " AND found = 0", List.of());
  }

  /**
   * Adds the guards of an update's increments: the script fails with {@link WriteRules#incrementOverflow} when a
   * row the update reaches would leave the 64-bit range (SQLite would silently turn it into a REAL).
   *
   * @param render the table's renderer
   * @param w the rows the update reaches
   * @param u the update
   */
  public void guardIncrements(StatementRenderer render, Rendered w, Update u) {
    for (OverflowProbe p : overflowProbes(render, w, u)) {
      String head = "SELECT 1 ";
      if (!p.probe().sql().startsWith(head)) {
        throw new IllegalStateException("unexpected overflow probe: " + p.probe().sql());
      }
      String mark = mark(() -> WriteRules.incrementOverflow(render.model().table(), p.column(), p.delta()));
      // The path depends on the row, so SQLite cannot evaluate it once up front for a probe that finds nothing.
      add("INSERT INTO " + scratch + " (seq) SELECT json_extract(1, '" + mark + "' || substr("
          + render.model().expr(p.column().name()) + ", 1, 0)) " + p.probe().sql().substring(head.length()),
          p.probe().params());
    }
  }

  /**
   * The overflow probe of one incremented INTEGER field.
   *
   * @param column the field
   * @param delta the encoded, non-zero delta
   * @param probe the query finding a row the increment would take out of the 64-bit range
   */
  record OverflowProbe(Column column, long delta, Rendered probe) {}

  /**
   * Returns the overflow probes of an update's increments (INTEGER fields with a non-zero delta), over the rows
   * {@code w} reaches; the same probes {@link RowWrites} runs before a write inside a transaction.
   */
  static List<OverflowProbe> overflowProbes(StatementRenderer render, Rendered w, Update u) {
    List<OverflowProbe> out = new ArrayList<>();
    for (Map.Entry<String, Number> e : u.inc().entrySet()) {
      Column c = render.model().column(e.getKey());
      if (c.storage() != StorageClass.INTEGER) {
        continue;
      }
      long delta = ((Number) c.toSql(e.getValue(), render.json())).longValue();
      if (delta != 0) {
        out.add(new OverflowProbe(c, delta, render.incrementOverflow(w, c, delta)));
      }
    }
    return out;
  }

  private String mark(Supplier<RuntimeException> error) {
    guards.add(error);
    return MARK + (guards.size() - 1) + "-";
  }

  /**
   * Removes the trailing {@code RETURNING} list a renderer appended (the script records rows itself).
   *
   * @param r the rendered statement
   * @param m its table
   * @return the statement without it
   */
  public static Rendered withoutReturning(Rendered r, TableModel m) {
    String tail = " RETURNING " + m.selectList();
    if (!r.sql().endsWith(tail)) {
      throw new IllegalStateException("statement does not end with its RETURNING list: " + r.sql());
    }
    return new Rendered(r.sql().substring(0, r.sql().length() - tail.length()), r.params());
  }

  /**
   * Runs the script as one atomic call and reads every recorded outcome back.
   *
   * @param s the write session
   * @return the outcomes by sequence number
   * @throws io.sqlitekit.spi.error.RepositoryException a failing guard's own typed exception (nothing applied)
   * @throws SQLException on any other failure (nothing applied)
   */
  public Map<Integer, Outcome> run(SqlSession s) throws SQLException {
    StringBuilder vs = new StringBuilder();
    for (int i = 0; i < width; i++) {
      vs.append(", v").append(i);
    }
    return runLast(s, new Rendered("DELETE FROM " + scratch + " RETURNING seq, changes, found" + vs, List.of()),
        rs -> {
          Map<Integer, Outcome> out = new HashMap<>();
          while (rs.next()) {
            int seq = (int) rs.getLong(0);
            Column[] cols = recorded.get(seq);
            Optional<Map<String, Object>> row = Optional.empty();
            if (cols != null && rs.getLong(2) != 0) {
              Map<String, Object> fields = new LinkedHashMap<>(cols.length * 2);
              for (int i = 0; i < cols.length; i++) {
                fields.put(cols[i].name(), exec.value(rs, 3 + i, cols[i]));
              }
              row = Optional.of(fields);
            }
            out.put(seq, new Outcome(rs.getLong(1), row));
          }
          return out;
        });
  }

  /**
   * Runs the script with {@code last} as its final statement (a query, or a write with {@code RETURNING}) and
   * hands that statement's rows to the reader: a write whose guards run in the same request.
   *
   * @param s the write session
   * @param last the final statement
   * @param reader reads its rows
   * @param <R> the result type
   * @return what the reader returned
   * @throws io.sqlitekit.spi.error.RepositoryException a failing guard's own typed exception (nothing applied)
   * @throws SQLException on any other failure (nothing applied)
   */
  public <R> R runLast(SqlSession s, Rendered last, io.sqlitekit.spi.driver.RowReader<R> reader)
      throws SQLException {
    List<String> all = new ArrayList<>(sql);
    List<List<Object>> allParams = new ArrayList<>(params);
    all.add(last.sql());
    allParams.add(last.params());
    try {
      return s.atomic(all, allParams, reader);
    } catch (SQLException e) {
      RuntimeException typed = guardFailure(e);
      if (typed != null) {
        throw typed;
      }
      throw e;
    }
  }

  /**
   * Returns whether the script has a guard.
   *
   * @return true after {@link #guardIncrements} added one, or {@link #requireRecordedRow}
   */
  public boolean hasGuards() {
    return !guards.isEmpty();
  }

  /** The typed exception of the guard whose failure {@code e} reports, or null. */
  private RuntimeException guardFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String msg = t.getMessage();
      Matcher m = msg == null ? null : GUARD.matcher(msg);
      if (m != null && m.find()) {
        int i = Integer.parseInt(m.group(1));
        if (i < guards.size()) {
          RuntimeException typed = guards.get(i).get();
          typed.addSuppressed(e);
          return typed;
        }
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "AtomicScript[%d statements, %d guards]", sql.size(), guards.size());
  }
}
