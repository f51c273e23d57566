package io.sqlitekit.core.internal.exec;

import io.sqlitekit.core.internal.render.Rendered;
import io.sqlitekit.core.internal.render.StatementRenderer;
import io.sqlitekit.core.internal.render.TableModel;
import io.sqlitekit.core.internal.render.WriteChecks;
import io.sqlitekit.spi.UpsertOptions;
import io.sqlitekit.spi.driver.RowReader;
import io.sqlitekit.spi.driver.SqlSession;
import io.sqlitekit.spi.error.DuplicateKeyException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.error.VersionConflictException;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.update.Update;
import io.sqlitekit.support.rules.WriteRules;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Internal, not API, may change. The writes of single rows over one table (insert, update by key with an
 * optional version check, upsert, delete) and of filtered sets, run inside the caller's write session. Rows
 * come back as field maps of every column, as SQLite stored them ({@code … RETURNING}). Thread-safe.
 */
public final class RowWrites {
  private final StatementRenderer render;
  private final RowExecutor exec;
  private final Column[] all;
  private final boolean oneRequest;

  /**
   * Creates the writes of the renderer's table.
   *
   * @param render the renderer
   * @param exec the executor
   */
  public RowWrites(StatementRenderer render, RowExecutor exec) {
    this(render, exec, false);
  }

  /**
   * Creates the writes of the renderer's table, for a driver with or without interactive transactions.
   *
   * @param render the renderer
   * @param exec the executor
   * @param oneRequest true for a driver without interactive transactions (Cloudflare D1): the overflow probe of
   *     an increment then runs as a guard in the write's own request ({@link AtomicScript}), since a probe sent
   *     before it would not be isolated from other writers
   */
  public RowWrites(StatementRenderer render, RowExecutor exec, boolean oneRequest) {
    this.render = render;
    this.exec = exec;
    this.all = render.model().columns().toArray(new Column[0]);
    this.oneRequest = oneRequest;
  }

  /**
   * Returns the writes of another table (a batch statement's), without a shape cache.
   *
   * @param other the table
   * @return the writes
   */
  public RowWrites forTable(TableModel other) {
    return new RowWrites(render.forTable(other), exec, oneRequest);
  }

  /**
   * Returns the renderer.
   *
   * @return the renderer
   */
  public StatementRenderer renderer() {
    return render;
  }

  /**
   * Returns the executor.
   *
   * @return the executor
   */
  public RowExecutor executor() {
    return exec;
  }

  /**
   * Returns every column, in declaration order (the array itself: do not change it).
   *
   * @return the columns
   */
  public Column[] allColumns() {
    return all;
  }

  /**
   * Checks and inserts one row.
   *
   * @param s the write session
   * @param row the row's fields
   * @return the stored row
   * @throws SQLException on failure
   */
  public Map<String, Object> insert(SqlSession s, Map<String, Object> row) throws SQLException {
    Rendered ins = render.insertReturning(row);
    return exec.oneRow(s, ins.sql(), ins.params(), all)
        .orElseThrow(() -> new IllegalStateException("INSERT … RETURNING returned no row"));
  }

  /**
   * Updates one row by key within a scope, optionally only when its version matches. An update that changes
   * nothing ({@code setOnInsert} only) reads the row instead.
   *
   * @param s the write session
   * @param id the key
   * @param scope the policy scope
   * @param u the update
   * @param expectedVersion the version the row must have, or null
   * @return the row after the update, or empty when no row has the key within the scope
   * @throws VersionConflictException when the row exists with another version
   * @throws SQLException on failure
   */
  public Optional<Map<String, Object>> update(SqlSession s, Object id, Filter scope, Update u, Long expectedVersion)
      throws SQLException {
    TableModel m = render.model();
    WriteChecks.checkUpdate(m, u, render.json());
    Rendered w = render.byId(render.encodeId(id), scope);
    Optional<Column> version = m.table().version();
    if (expectedVersion != null && version.isEmpty()) {
      throw new ValidationException(String.format(Locale.ROOT,
          "table \"%s\" has no version field; expectedVersion cannot be checked", m.table().name()));
    }
    String select = render.selectAll(w);
    if (!u.changesExistingRows()) {
      return exec.oneRow(s, select, w.params(), all);
    }
    Rendered up = render.updateReturning(u, w, expectedVersion);
    Optional<Map<String, Object>> row = guarded(s, w, u, up,
        rs -> rs.next() ? Optional.of(exec.fields(rs, all)) : Optional.empty());
    if (row.isEmpty() && expectedVersion != null) {
      Optional<Map<String, Object>> current = exec.oneRow(s, select, w.params(), all);
      if (current.isPresent()) {
        Object actual = current.get().get(version.get().name());
        throw new VersionConflictException(String.valueOf(id), expectedVersion,
            actual == null ? null : ((Number) actual).longValue());
      }
    }
    return row;
  }

  /**
   * Updates the rows a condition selects and returns them as they are after the update, after the overflow
   * check of its increments. Used with a condition that selects one row by a subquery ({@code claim}).
   *
   * @param s the write session
   * @param target the condition
   * @param u the checked update, changing something
   * @return the first updated row, or empty when the condition selected none
   * @throws SQLException on failure
   */
  public Optional<Map<String, Object>> updateReturning(SqlSession s, Rendered target, Update u) throws SQLException {
    return guarded(s, target, u, render.updateReturning(u, target, null),
        rs -> rs.next() ? Optional.of(exec.fields(rs, all)) : Optional.empty());
  }

  /**
   * Applies an update to one row by key within a scope without reading it back (a delete that a plugin
   * turned into an update).
   *
   * @param s the write session
   * @param id the key
   * @param scope the policy scope
   * @param u the update
   * @return the rows changed, 0 or 1
   * @throws SQLException on failure
   */
  public long updateById(SqlSession s, Object id, Filter scope, Update u) throws SQLException {
    WriteChecks.checkUpdate(render.model(), u, render.json());
    Rendered w = render.byId(render.encodeId(id), scope);
    return guardedUpdate(s, w, u, render.update(u, w));
  }

  /**
   * Updates every row matching a filter with an update the caller checked ({@link WriteChecks#checkUpdate}) before
   * it opened the write, so an invalid one fails before any statement.
   *
   * @param s the write session
   * @param scope the filter with the policy scope
   * @param u the checked update
   * @return the rows changed (0 for an update that changes nothing)
   * @throws SQLException on failure
   */
  public long updateWhere(SqlSession s, Filter scope, Update u) throws SQLException {
    if (!u.changesExistingRows()) {
      return 0;
    }
    Rendered w = render.where(scope);
    return guardedUpdate(s, w, u, render.update(u, w));
  }

  /**
   * Runs a write returning rows after the overflow check of its increments: a probe before it in the same
   * transaction, or (without interactive transactions) guards in the same atomic request.
   */
  private <R> R guarded(SqlSession s, Rendered w, Update u, Rendered write, RowReader<R> reader)
      throws SQLException {
    if (oneRequest) {
      AtomicScript script = new AtomicScript(exec, 0);
      script.guardIncrements(render, w, u);
      if (script.hasGuards()) {
        return script.runLast(s, write, reader);
      }
    } else {
      requireNoOverflow(s, w, u);
    }
    return s.query(write.sql(), write.params(), reader);
  }

  /** Like {@link #guarded} for a write without RETURNING; returns its change count. */
  private long guardedUpdate(SqlSession s, Rendered w, Update u, Rendered write) throws SQLException {
    if (oneRequest) {
      AtomicScript script = new AtomicScript(exec, 0);
      script.guardIncrements(render, w, u);
      if (script.hasGuards()) {
        // RETURNING one row per changed row: the count of the changes, from the request's last statement.
        return script.runLast(s, new Rendered(write.sql() + " RETURNING 1", write.params()), rs -> {
          long n = 0;
          while (rs.next()) {
            n++;
          }
          return n;
        });
      }
    } else {
      requireNoOverflow(s, w, u);
    }
    return s.update(write.sql(), write.params());
  }

  /**
   * Refuses an increment that would leave the 64-bit range in any row the update reaches. SQLite does not fail
   * on integer overflow: {@code x + ?} silently becomes a REAL (which reads back as a clamped long). So before
   * the UPDATE, in the same write transaction (no other writer can change the rows in between), one query per
   * incremented INTEGER field looks for a reached row whose value is beyond {@code MAX - delta} (or below
   * {@code MIN - delta}); if there is one, nothing is written. The check is an indexed point read for updates
   * by id and one scan of the filter's rows for updateMany.
   */
  private void requireNoOverflow(SqlSession s, Rendered w, Update u) throws SQLException {
    for (AtomicScript.OverflowProbe p : AtomicScript.overflowProbes(render, w, u)) {
      if (exec.exists(s, p.probe().sql(), p.probe().params())) {
        throw WriteRules.incrementOverflow(render.model().table(), p.column(), p.delta());
      }
    }
  }


  /**
   * Deletes one row by key within a scope.
   *
   * @param s the write session
   * @param id the key
   * @param scope the policy scope
   * @return the rows deleted, 0 or 1
   * @throws SQLException on failure
   */
  public long deleteById(SqlSession s, Object id, Filter scope) throws SQLException {
    Rendered del = render.delete(render.byId(render.encodeId(id), scope));
    return s.update(del.sql(), del.params());
  }

  /**
   * Deletes every row matching a filter.
   *
   * @param s the write session
   * @param scope the filter with the policy scope
   * @return the rows deleted
   * @throws SQLException on failure
   */
  public long deleteWhere(SqlSession s, Filter scope) throws SQLException {
    Rendered del = render.delete(render.where(scope));
    return s.update(del.sql(), del.params());
  }

  /**
   * Inserts a row or, on conflict, updates the existing one (see {@link StatementRenderer#upsert}). A conflict
   * with a row the scope hides is a duplicate key; a conflict the statement left alone ({@code DO NOTHING}, or
   * the scope's guard) returns the visible conflicting row.
   *
   * @param s the write session
   * @param row the row's fields
   * @param o the conflict target
   * @param conflictUpdate the update on conflict, possibly empty
   * @param scope the policy scope
   * @return the stored row
   * @throws DuplicateKeyException when the conflicting row is outside the scope
   * @throws SQLException on failure
   */
  public Map<String, Object> upsert(SqlSession s, Map<String, Object> row, UpsertOptions o, Update conflictUpdate,
      Filter scope) throws SQLException {
    Rendered up = render.upsert(row, o, conflictUpdate, scope);
    Rendered reached = null;
    if (conflictUpdate.changesExistingRows() && !conflictUpdate.inc().isEmpty()) {
      // The conflict update can only reach the row holding the payload's conflict values (NULLs never clash).
      List<Filter> eqs = new ArrayList<>();
      List<String> target = render.conflictTarget(o);
      for (String f : target) {
        if (row.get(f) != null) {
          eqs.add(Filters.eq(f, row.get(f)));
        }
      }
      if (eqs.size() == target.size()) {
        reached = render.where(Filters.and(Filters.and(eqs), o.conflictWhere(), scope));
      }
    }
    Optional<Map<String, Object>> r = reached == null ? exec.oneRow(s, up.sql(), up.params(), all)
        : guarded(s, reached, conflictUpdate, up,
            rs -> rs.next() ? Optional.of(exec.fields(rs, all)) : Optional.empty());
    if (r.isPresent()) {
      return r.get();
    }
    Rendered inScope = render.conflicting(row, o, scope);
    Optional<Map<String, Object>> visible = exec.oneRow(s, render.selectAll(inScope) + " LIMIT 1", inScope.params(),
        all);
    if (visible.isPresent()) {
      return visible.get();
    }
    List<String> target = render.conflictTarget(o);
    throw new DuplicateKeyException(String.format(Locale.ROOT,
        "upsert on table \"%s\" conflicts on %s with a row outside the caller's scope",
        render.model().table().name(), target));
  }
}
