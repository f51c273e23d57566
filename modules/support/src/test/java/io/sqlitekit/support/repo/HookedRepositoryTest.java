package io.sqlitekit.support.repo;

import static io.sqlitekit.spi.filter.Filters.all;
import static io.sqlitekit.spi.filter.Filters.and;
import static io.sqlitekit.spi.filter.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.BatchResult;
import io.sqlitekit.spi.BatchStatement;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.Capabilities;
import io.sqlitekit.spi.FindOneAndUpdateOptions;
import io.sqlitekit.spi.FindOptions;
import io.sqlitekit.spi.GetOrCreateResult;
import io.sqlitekit.spi.KeysetPage;
import io.sqlitekit.spi.KeysetRequest;
import io.sqlitekit.spi.OffsetPage;
import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.Projection;
import io.sqlitekit.spi.ReturnDocument;
import io.sqlitekit.spi.StreamOptions;
import io.sqlitekit.spi.UpdateResult;
import io.sqlitekit.spi.UpsertOptions;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.error.QueryParseException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.plugin.BeforeHook;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.RowMapper;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import io.sqlitekit.support.hook.CallState;
import io.sqlitekit.support.hook.HookEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The orchestration alone, over a kit whose execution records what it was handed: what the hooks left in the
 * call state is what the execution gets, and the request rules run before any execution. The two real kits
 * are checked against each other by HookParityIT and the differential test.
 */
class HookedRepositoryTest {
  private static final TableDef USERS = TableDef.of("users", Column.text("id").primaryKey(), Column.text("email"),
      Column.text("name"), Column.text("tenant"), Column.text("stamp"));

  /** A kit whose execution methods record their inputs; reads return nothing, writes one empty row. */
  private static final class Recording extends HookedRepository<Map<String, Object>, Object> {
    final List<List<Object>> calls;

    Recording(HookEngine engine, List<List<Object>> calls) {
      super(USERS, RowMapper.documents(), engine, CallContext.empty(), 100);
      this.calls = calls;
    }

    private <R> R record(R result, Object... call) {
      calls.add(java.util.Arrays.asList(call));
      return result;
    }

    @Override
    public Capabilities capabilities() {
      return Capabilities.full();
    }

    @Override
    public Recording withContext(CallContext context) {
      return this;
    }

    @Override
    protected CallState newCallState(Operation op) {
      return new CallState(op, USERS, view(), (SqliteDriver) null);
    }

    @Override
    protected <R> R inWriteTransaction(Supplier<R> body) {
      return body.get();
    }

    @Override
    protected Map<String, Object> insertOne(Map<String, Object> row) {
      return record(row, "insertOne", row);
    }

    @Override
    protected List<Map<String, Object>> insertAll(List<Map<String, Object>> rows) {
      return record(rows, "insertAll", rows);
    }

    @Override
    protected Optional<Map<String, Object>> readById(Object id, Projection projection, Filter scope) {
      return record(Optional.empty(), "readById", id, projection, scope);
    }

    @Override
    protected List<Map<String, Object>> readByIds(List<Object> ids, Filter scope) {
      return record(List.of(), "readByIds", ids, scope);
    }

    @Override
    protected Optional<Map<String, Object>> readFirst(Filter scope, FindOptions options) {
      return record(Optional.empty(), "readFirst", scope, options);
    }

    @Override
    protected List<Map<String, Object>> readAll(Filter scope, FindOptions options) {
      return record(List.of(), "readAll", scope, options);
    }

    @Override
    protected OffsetPage<Map<String, Object>> readPage(Filter scope, PageRequest request, int limit) {
      return record(OffsetPage.of(List.of(), request.page(), limit, 0), "readPage", scope, request, limit);
    }

    @Override
    protected KeysetPage<Map<String, Object>> readKeysetPage(Filter scope, KeysetRequest request, int limit) {
      return record(new KeysetPage<>(List.of(), limit, null, false), "readKeysetPage", scope, limit);
    }

    @Override
    protected Stream<Map<String, Object>> readStream(Filter scope, StreamOptions options) {
      return record(Stream.empty(), "readStream", scope, options);
    }

    @Override
    protected long countWhere(Filter scope) {
      return record(0L, "countWhere", scope);
    }

    @Override
    protected boolean existsWhere(Filter scope) {
      return record(false, "existsWhere", scope);
    }

    @Override
    protected List<Object> distinctValues(String field, Filter scope) {
      return record(List.of(), "distinctValues", field, scope);
    }

    @Override
    protected Optional<Map<String, Object>> updateById(Object id, Filter scope, Update update, Long version) {
      return record(Optional.empty(), "updateById", id, scope, update, version);
    }

    @Override
    protected boolean deleteById(Object id, Filter scope, Update asUpdate) {
      return record(true, "deleteById", id, scope, asUpdate);
    }

    @Override
    protected UpdateResult updateWhere(Filter scope, Update update) {
      return record(new UpdateResult(0, 0), "updateWhere", scope, update);
    }

    @Override
    protected long deleteWhere(Filter scope, Update asUpdate) {
      return record(0L, "deleteWhere", scope, asUpdate);
    }

    @Override
    protected Optional<Map<String, Object>> updateFirst(Filter scope, Update update,
        FindOneAndUpdateOptions options, Map<String, Object> insertIfNone) {
      return record(Optional.empty(), "updateFirst", scope, update, options, insertIfNone);
    }

    @Override
    protected Map<String, Object> upsertOne(Map<String, Object> row, UpsertOptions options, Update conflictUpdate,
        Filter scope) {
      return record(row, "upsertOne", row, conflictUpdate, scope);
    }

    @Override
    protected GetOrCreateResult<Map<String, Object>> firstOrInsert(Filter scope, Map<String, Object> row) {
      return record(new GetOrCreateResult<>(row, true), "firstOrInsert", scope, row);
    }

    @Override
    protected List<Map<String, Object>> aggregateRows(AggregateRequest request, Filter scope, Filter after) {
      return record(List.of(), "aggregateRows", scope);
    }

    @Override
    protected long aggregateCount(AggregateRequest request, Filter scope) {
      return record(0L, "aggregateCount", scope);
    }

    @Override
    protected List<BatchResult<Map<String, Object>>> runBatch(List<BatchStatement> statements) {
      return record(List.of(), "runBatch", statements);
    }
  }

  private final List<List<Object>> calls = new ArrayList<>();

  private Recording repo(Set<Operation> ops, BeforeHook hook) {
    HookEngine engine = new HookEngine();
    if (hook != null) {
      engine.before(ops, 100, "test", hook);
    }
    engine.freeze(Map.of());
    return new Recording(engine, calls);
  }

  @Test
  void withoutHooksTheExecutionGetsTheCallersInputs() {
    Recording r = repo(Set.of(), null);
    r.getById("u1");
    r.count(eq("name", "n"));
    r.delete("u2");
    assertEquals(List.of(List.of("readById", "u1", Projection.all(), all()),
        List.of("countWhere", eq("name", "n")),
        java.util.Arrays.asList("deleteById", "u2", all(), null)), calls);
  }

  @Test
  void theExecutionGetsWhatBeforeHooksLeft() {
    FindOptions rewritten = FindOptions.defaults().withLimit(7);
    Recording r = repo(Set.of(Operation.FIND_ALL), ctx -> {
      ctx.setFilter(and(ctx.filter(), eq("tenant", "a")));
      ctx.setRequest(rewritten);
    });
    r.findAll(eq("name", "n"), FindOptions.defaults());
    assertEquals(List.of("readAll", and(eq("name", "n"), eq("tenant", "a")), rewritten), calls.get(0));
    assertSame(rewritten, calls.get(0).get(2));
  }

  @Test
  void aDeleteAHookConvertedReachesTheExecutionAsAnUpdate() {
    Update softDelete = Update.set("stamp", "deleted");
    Recording r = repo(Set.of(Operation.DELETE, Operation.DELETE_MANY), ctx -> ctx.convertDeleteToUpdate(softDelete));
    r.delete("u1");
    r.deleteMany(eq("name", "n"));
    assertEquals(List.of(List.of("deleteById", "u1", all(), softDelete),
        List.of("deleteWhere", eq("name", "n"), softDelete)), calls);
  }

  @Test
  void insertedRowsCarryHookStampsButTheCallersDocumentDoesNot() {
    Recording r = repo(Set.of(Operation.CREATE), ctx -> ctx.rows().get(0).put("stamp", "s"));
    Map<String, Object> doc = new LinkedHashMap<>(Map.of("id", "u1"));
    r.create(doc);
    assertEquals(List.of("insertOne", Map.of("id", "u1", "stamp", "s")), calls.get(0));
    assertEquals(Map.of("id", "u1"), doc);
  }

  @Test
  void scopedWritesRefuseAnEmptyCallerFilterEvenWhenAHookScopedIt() {
    Set<Operation> ops = Set.of(Operation.UPDATE_MANY, Operation.DELETE_MANY, Operation.FIND_ONE_AND_UPDATE);
    Recording r = repo(ops, ctx -> ctx.setFilter(eq("tenant", "a")));
    assertThrows(ValidationException.class, () -> r.updateMany(all(), Update.set("name", "n")));
    assertThrows(ValidationException.class, () -> r.deleteMany(all()));
    assertThrows(ValidationException.class,
        () -> r.findOneAndUpdate(all(), Update.set("name", "n"), FindOneAndUpdateOptions.defaults()));
    assertEquals(List.of(), calls);
  }

  @Test
  void anUpsertInsertsItsSeedWithTheSetsHooksAdded() {
    Recording r = repo(Set.of(Operation.FIND_ONE_AND_UPDATE),
        ctx -> ctx.setUpdate(ctx.update().and(Update.set("stamp", "s"))));
    FindOneAndUpdateOptions upsert = new FindOneAndUpdateOptions(io.sqlitekit.spi.Sort.unsorted(),
        ReturnDocument.AFTER, true, null);
    r.findOneAndUpdate(eq("email", "e"), Update.set("name", "n"), upsert);
    r.findOneAndUpdate(eq("email", "e"), Update.set("name", "n"), FindOneAndUpdateOptions.defaults());
    assertEquals(Map.of("email", "e", "name", "n", "stamp", "s"), calls.get(0).get(4));
    assertEquals(null, calls.get(1).get(4));
  }

  @Test
  void thePageLimitIsCheckedBeforeTheExecution() {
    Recording r = repo(Set.of(), null);
    assertThrows(QueryParseException.class, () -> r.getAll(PageRequest.of(1, 101)));
    r.getAll(PageRequest.of(2, 100));
    assertEquals(1, calls.size());
    assertEquals(100, calls.get(0).get(3));
  }

  @Test
  void anEmptyBatchIsRefusedAndNoIdIsAllowedNull() {
    Recording r = repo(Set.of(), null);
    assertThrows(ValidationException.class, () -> r.batch(b -> List.of()));
    assertThrows(NullPointerException.class, () -> r.batch(b -> List.of(b.delete(null))));
    r.batch(b -> List.of(b.insert(new LinkedHashMap<>(Map.of("id", "u1")))));
    assertEquals("runBatch", calls.get(0).get(0));
  }
}
