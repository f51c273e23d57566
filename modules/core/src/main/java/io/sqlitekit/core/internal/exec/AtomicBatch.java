package io.sqlitekit.core.internal.exec;

import io.sqlitekit.core.internal.render.Rendered;
import io.sqlitekit.core.internal.render.StatementRenderer;
import io.sqlitekit.core.internal.render.TableModel;
import io.sqlitekit.core.internal.render.WriteChecks;
import io.sqlitekit.spi.BatchResult;
import io.sqlitekit.spi.BatchStatement;
import io.sqlitekit.spi.UpsertOptions;
import io.sqlitekit.spi.driver.SqlSession;
import io.sqlitekit.spi.error.DuplicateKeyException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.RowMapper;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Internal, not API, may change. A batch run as one {@link AtomicScript}: the way a driver without interactive
 * transactions (Cloudflare D1) applies a repository batch, a cross-repository {@code Batch.run} or a
 * {@code createMany} of rows that need one statement each, all or nothing, in one request. Each statement keeps
 * the meaning it has in {@link BatchRunner}: the same SQL (without {@code RETURNING}), the same checks (as guards
 * inside the request), the same results (the written row for statements of a part's own table).
 */
public final class AtomicBatch {
  /**
   * The consecutive statements of one repository.
   *
   * @param own the writes of the repository's table
   * @param mapper the repository's row mapper
   * @param statements the statements, after the repository's hooks
   * @param <T> the entity type
   */
  public record Part<T>(RowWrites own, RowMapper<T> mapper, List<BatchStatement> statements) {}

  /** How to read one statement's outcome back. */
  private record Plan(BatchStatement st, boolean isOwn, int seq) {}

  private final List<Part<?>> parts;
  private final List<List<Plan>> plans = new ArrayList<>();
  private final AtomicScript script;

  /**
   * Renders the script of the parts' statements, in order; checks every statement first (nothing runs yet).
   *
   * @param parts the parts, at least one statement in all
   * @throws io.sqlitekit.spi.error.ValidationException for the first invalid statement
   */
  public AtomicBatch(List<Part<?>> parts) {
    this.parts = parts;
    RowWrites first = parts.get(0).own();
    Map<TableDef, RowWrites> writes = new HashMap<>();
    int widest = 0;
    for (Part<?> p : parts) {
      writes.put(p.own().renderer().model().table(), p.own());
      for (BatchStatement st : p.statements()) {
        RowWrites w = writes.computeIfAbsent(st.table(), t -> first.forTable(TableModel.of(t)));
        widest = Math.max(widest, w.allColumns().length);
      }
    }
    this.script = new AtomicScript(first.executor(), widest);
    int seq = 0;
    for (Part<?> p : parts) {
      TableDef ownTable = p.own().renderer().model().table();
      List<Plan> partPlans = new ArrayList<>(p.statements().size());
      for (BatchStatement st : p.statements()) {
        add(writes.get(st.table()), st, seq);
        partPlans.add(new Plan(st, st.table().equals(ownTable), seq));
        seq++;
      }
      plans.add(partPlans);
    }
  }

  /** Adds one statement's writes, guards and record to the script. */
  private void add(RowWrites w, BatchStatement st, int seq) {
    StatementRenderer render = w.renderer();
    TableModel m = render.model();
    String pk = m.primaryKey().name();
    switch (st.kind()) {
      case INSERT:
        script.write(AtomicScript.withoutReturning(render.insertReturning(st.data()), m));
        script.recordChangedRow(seq, render, written(render, st.data().get(pk)));
        break;
      case UPSERT: {
        UpsertOptions o = UpsertOptions.onPrimaryKey();
        Update cu = st.update();
        Rendered up = AtomicScript.withoutReturning(render.upsert(st.data(), o, cu, st.scope()), m);
        Object key = st.data().get(pk);
        if (key != null && cu.changesExistingRows() && !cu.inc().isEmpty()) {
          // The conflict update can only reach the row holding the payload's key, within the scope.
          script.guardIncrements(render, render.byId(render.encodeId(key), st.scope()), cu);
        }
        script.write(up);
        if (key == null) {
          script.recordChangedRow(seq, render, written(render, null));
        } else {
          // Inserted, updated, or left alone (DO NOTHING / the scope's guard): the visible row with the key.
          script.recordRow(seq, render, render.byId(render.encodeId(key), st.scope()));
          script.requireRecordedRow(seq, () -> new DuplicateKeyException(String.format(Locale.ROOT,
              "upsert on table \"%s\" conflicts on %s with a row outside the caller's scope", m.table().name(),
              List.of(pk))));
        }
        break;
      }
      case UPDATE: {
        Update u = st.update();
        WriteChecks.checkUpdate(m, u, render.json());
        Rendered byId = render.byId(render.encodeId(st.id()), st.scope());
        if (!u.changesExistingRows()) {
          script.recordRow(seq, render, byId);
          break;
        }
        script.guardIncrements(render, byId, u);
        script.write(render.update(u, byId));
        script.recordChangedRow(seq, render, render.byId(render.encodeId(st.id()), Filters.all()));
        break;
      }
      case DELETE:
      default:
        script.write(render.delete(render.byId(render.encodeId(st.id()), st.scope())));
        script.recordChanges(seq);
        break;
    }
  }

  /** The row an insert wrote: by its key, or the last inserted rowid when SQLite generated the key. */
  private static Rendered written(StatementRenderer render, Object key) {
    return key != null ? render.byId(render.encodeId(key), Filters.all()) : AtomicScript.lastInserted(render.model());
  }

  /**
   * Runs the script as one atomic call.
   *
   * @param s the write session
   * @return per part, one result per statement, in order; rows as the part's entities
   * @throws io.sqlitekit.spi.error.RepositoryException a guard's own typed error (increment overflow, upsert
   *     conflict outside the scope): nothing applied
   * @throws SQLException on any other failure (nothing applied)
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public List<List<BatchResult<?>>> run(SqlSession s) throws SQLException {
    Map<Integer, AtomicScript.Outcome> outcomes = script.run(s);
    List<List<BatchResult<?>>> out = new ArrayList<>(parts.size());
    for (int p = 0; p < parts.size(); p++) {
      RowMapper<?> mapper = parts.get(p).mapper();
      List<BatchResult<?>> results = new ArrayList<>();
      for (Plan plan : plans.get(p)) {
        AtomicScript.Outcome o = outcomes.get(plan.seq());
        if (o == null) {
          throw new IllegalStateException("batch statement " + plan.seq() + " left no outcome");
        }
        BatchStatement.Kind kind = plan.st().kind();
        boolean writesRow = kind == BatchStatement.Kind.INSERT || kind == BatchStatement.Kind.UPSERT;
        if (writesRow && o.row().isEmpty()) {
          throw new IllegalStateException("an inserted row is not visible in its own request");
        }
        long changes = writesRow ? 1 : o.changes();
        List rows = plan.isOwn() && o.row().isPresent() ? List.of(mapper.fromFields(o.row().get())) : List.of();
        results.add(new BatchResult(kind, changes, rows));
      }
      out.add(results);
    }
    return out;
  }

  /**
   * Inserts rows that need one statement each (generated keys, differing fields) as one atomic script.
   *
   * @param s the write session
   * @param writes the table's writes
   * @param rows the rows' fields
   * @return each stored row's fields, in input order
   * @throws SQLException on failure (nothing applied)
   */
  public static List<Map<String, Object>> insertAll(SqlSession s, RowWrites writes, List<Map<String, Object>> rows)
      throws SQLException {
    TableDef table = writes.renderer().model().table();
    List<BatchStatement> inserts = new ArrayList<>(rows.size());
    for (Map<String, Object> r : rows) {
      inserts.add(BatchStatement.insert(table, r));
    }
    List<List<BatchResult<?>>> results = new AtomicBatch(List.of(new Part<>(writes, RowMapper.documents(),
        inserts))).run(s);
    List<Map<String, Object>> out = new ArrayList<>(rows.size());
    for (BatchResult<?> r : results.get(0)) {
      @SuppressWarnings("unchecked")
      Map<String, Object> row = (Map<String, Object>) r.rows().get(0);
      out.add(row);
    }
    return out;
  }

  @Override
  public String toString() {
    return "AtomicBatch[" + script + "]";
  }

}
