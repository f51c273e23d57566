package io.sqlitekit.core.internal.exec;

import io.sqlitekit.core.internal.render.Rendered;
import io.sqlitekit.core.internal.render.StatementRenderer;
import io.sqlitekit.core.internal.render.TableModel;
import io.sqlitekit.spi.driver.SqlSession;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.error.VersionConflictException;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.update.Update;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Internal, not API, may change. {@code findOneAndUpdate} and {@code getOrCreate} on a driver without interactive
 * transactions (Cloudflare D1), each as one {@link AtomicScript}: the find, the increment guards, the update or
 * the conditional insert run in one request, so no other writer can come between the find and the write, as the
 * write transaction guarantees on other drivers.
 */
public final class AtomicFindAndWrite {
  private AtomicFindAndWrite() {
  }

  /**
   * What {@link #findOneAndUpdate} saw and did.
   *
   * @param before the row found, before the update
   * @param after the row after the update (the found row when the update changes nothing)
   * @param inserted the row inserted when none was found and an insert was asked for
   */
  public record Found(Optional<Map<String, Object>> before, Optional<Map<String, Object>> after,
      Optional<Map<String, Object>> inserted) {}

  /**
   * Finds the first row of a query and updates it, or inserts a row when none is found, in one request.
   *
   * @param s the write session
   * @param w the table's writes
   * @param select the query of every column, ordered, {@code LIMIT 1}
   * @param params its parameters
   * @param u the checked update
   * @param expectedVersion the version the found row must have, or null
   * @param insertIfNone the row to insert when none is found, or null
   * @return what was found and written
   * @throws VersionConflictException when the found row has another version (nothing written)
   * @throws SQLException on failure (nothing written)
   */
  public static Found findOneAndUpdate(SqlSession s, RowWrites w, String select, java.util.List<Object> params,
      Update u, Long expectedVersion, Map<String, Object> insertIfNone) throws SQLException {
    StatementRenderer render = w.renderer();
    TableModel m = render.model();
    Optional<Column> version = m.table().version();
    if (expectedVersion != null && version.isEmpty()) {
      throw new ValidationException(String.format(Locale.ROOT,
          "table \"%s\" has no version field; expectedVersion cannot be checked", m.table().name()));
    }
    AtomicScript script = new AtomicScript(w.executor(), m.columns().size());
    script.recordFirst(0, render, select, params);
    Rendered found = script.recordedKey(0, render);
    boolean updates = u.changesExistingRows();
    if (updates) {
      script.guardIncrements(render, found, u);
      script.write(AtomicScript.withoutReturning(render.updateReturning(u, found, expectedVersion), m));
      script.recordChangedRow(1, render, found);
    }
    if (insertIfNone != null) {
      script.insertIfNoneRecorded(0, AtomicScript.withoutReturning(render.insertReturning(insertIfNone), m));
      script.recordChangedRow(2, render, AtomicScript.lastInserted(m));
    }
    Map<Integer, AtomicScript.Outcome> out = script.run(s);
    Optional<Map<String, Object>> before = row(out, 0);
    Optional<Map<String, Object>> after = updates ? row(out, 1) : before;
    if (before.isPresent() && after.isEmpty() && expectedVersion != null) {
      Object actual = before.get().get(version.orElseThrow().name());
      throw new VersionConflictException(String.valueOf(before.get().get(m.primaryKey().name())), expectedVersion,
          actual == null ? null : ((Number) actual).longValue());
    }
    return new Found(before, after, row(out, 2));
  }

  /**
   * Returns the first row of a query or, when there is none, inserts a row, in one request.
   *
   * @param s the write session
   * @param w the table's writes
   * @param select the query of every column, in key order, {@code LIMIT 1}
   * @param params its parameters
   * @param row the row to insert
   * @return the row found (created false) or inserted (created true)
   * @throws SQLException on failure (nothing written)
   */
  public static Map.Entry<Map<String, Object>, Boolean> getOrCreate(SqlSession s, RowWrites w, String select,
      java.util.List<Object> params, Map<String, Object> row) throws SQLException {
    StatementRenderer render = w.renderer();
    TableModel m = render.model();
    AtomicScript script = new AtomicScript(w.executor(), m.columns().size());
    script.recordFirst(0, render, select, params);
    script.insertIfNoneRecorded(0, AtomicScript.withoutReturning(render.insertReturning(row), m));
    script.recordChangedRow(1, render, AtomicScript.lastInserted(m));
    Map<Integer, AtomicScript.Outcome> out = script.run(s);
    Optional<Map<String, Object>> found = row(out, 0);
    if (found.isPresent()) {
      return Map.entry(found.get(), false);
    }
    return Map.entry(row(out, 1).orElseThrow(
        () -> new IllegalStateException("an inserted row is not visible in its own request")), true);
  }

  private static Optional<Map<String, Object>> row(Map<Integer, AtomicScript.Outcome> out, int seq) {
    AtomicScript.Outcome o = out.get(seq);
    return o == null ? Optional.empty() : o.row();
  }
}
