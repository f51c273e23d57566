package io.sqlitekit.support.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sqlitekit.spi.BatchStatement;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.plugin.BeforeHook;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code HookContext.applyToBatch} as the hook engine implements it: each of the repository's own statements is
 * shown to a single-call hook as the call it stands for, and what the hook rewrites becomes the statement.
 */
class ApplyToBatchTest {
  private static final TableDef NOTES = TableDef.of("notes", Column.text("id").primaryKey(), Column.text("body"),
      Column.text("owner"), Column.bool("deleted"));
  private static final TableDef OTHER = TableDef.of("other", Column.text("id").primaryKey(), Column.text("body"));
  private static final Filter MINE = Filters.eq("owner", "ann");

  /** A policy written once for single calls: stamp the owner, scope writes, turn deletes into soft deletes. */
  private static final BeforeHook POLICY = ctx -> {
    switch (ctx.operation()) {
      case CREATE:
      case UPSERT:
        ctx.rows().forEach(r -> r.put("owner", "ann"));
        break;
      case DELETE:
        ctx.convertDeleteToUpdate(Update.set("deleted", true));
        ctx.setFilter(Filters.and(ctx.filter(), MINE));
        break;
      default:
        ctx.setFilter(Filters.and(ctx.filter(), MINE));
    }
  };

  private static CallState batch(List<BatchStatement> statements) {
    return new CallState(Operation.BATCH, NOTES, CallContext.empty(), (SqliteDriver) null).withBatch(statements);
  }

  @Test
  void eachOwnStatement_getsTheSingleCallPolicy_otherTablesAreUntouched() {
    BatchStatement foreign = BatchStatement.delete(OTHER, "o1");
    CallState state = batch(List.of(BatchStatement.insert(NOTES, Map.of("id", "n1", "body", "hi")),
        BatchStatement.update(NOTES, "n2", Update.set("body", "new")), BatchStatement.delete(NOTES, "n3"),
        foreign));
    List<Operation> seen = new ArrayList<>();
    state.applyToBatch(ctx -> {
      seen.add(ctx.operation());
      POLICY.before(ctx);
    });

    List<BatchStatement> out = state.batchStatements();
    assertEquals(List.of(Operation.CREATE, Operation.UPDATE, Operation.DELETE), seen, "one call per own statement");
    assertEquals(Map.of("id", "n1", "body", "hi", "owner", "ann"), out.get(0).data());
    assertEquals(BatchStatement.Kind.UPDATE, out.get(1).kind());
    assertEquals(Filters.and(Filters.all(), MINE), out.get(1).scope());
    assertEquals(BatchStatement.Kind.UPDATE, out.get(2).kind(), "the delete became an update");
    assertEquals("n3", out.get(2).id());
    assertEquals(Update.set("deleted", true), out.get(2).update());
    assertEquals(Filters.and(Filters.all(), MINE), out.get(2).scope());
    assertSame(foreign, out.get(3), "a statement for another table is not this repository's to rewrite");
  }

  @Test
  void aHookThatChangesNothing_keepsTheStatementsAsTheyWere() {
    List<BatchStatement> in = List.of(BatchStatement.insert(NOTES, Map.of("id", "n1")),
        BatchStatement.delete(NOTES, "n2"));
    CallState state = batch(in);
    state.applyToBatch(ctx -> { });
    assertEquals(in, state.batchStatements());
  }

  @Test
  void rewriteBatch_replacesOnlyWhatChanged_andRefusesALostStatement() {
    BatchStatement foreign = BatchStatement.insert(OTHER, Map.of("id", "o1"));
    List<BatchStatement> in = List.of(BatchStatement.insert(NOTES, Map.of("id", "n1")), foreign);
    CallState state = batch(in);
    state.rewriteBatch(st -> st);
    assertSame(in.get(0), state.batchStatements().get(0), "an unchanged statement stays the same object");
    state.rewriteBatch(st -> st.withScope(MINE));
    assertEquals(MINE, state.batchStatements().get(0).scope());
    assertSame(foreign, state.batchStatements().get(1));
    assertThrows(NullPointerException.class, () -> state.rewriteBatch(st -> null));
    CallState single = new CallState(Operation.CREATE, NOTES, CallContext.empty(), (SqliteDriver) null);
    single.rewriteBatch(st -> {
      throw new AssertionError("a single call has no statements to rewrite");
    });
    assertEquals(List.of(), single.batchStatements());
  }

  @Test
  void onlyABatchCall_canApplyASingleCallHook() {
    CallState create = new CallState(Operation.CREATE, NOTES, CallContext.empty(), (SqliteDriver) null);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> create.applyToBatch(POLICY));
    assertEquals("applyToBatch is for BATCH calls, not CREATE", e.getMessage());
    CallState state = batch(List.of(BatchStatement.insert(NOTES, Map.of("id", "n1"))));
    assertThrows(IllegalStateException.class, () -> state.applyToBatch(ctx -> ctx.applyToBatch(POLICY)),
        "a statement's context is a single call, not a batch");
    assertThrows(NullPointerException.class, () -> state.applyToBatch(null));
  }
}
