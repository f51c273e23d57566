package io.sqlitekit.support.hook;

import io.sqlitekit.spi.BatchStatement;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.plugin.BeforeHook;
import io.sqlitekit.spi.plugin.HookContext;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One batch statement seen as the single call it stands for ({@link CallState#applyToBatch}): an INSERT as a
 * create, an UPSERT as an upsert, an UPDATE as an update by id, a DELETE as a delete by id. The statement's
 * scope is the call's filter, its data the call's one row, its change the call's update; the rewritten state
 * folds back into a statement. Everything else is the batch call's.
 */
final class StatementCall extends MutableCall {
  private final HookContext batch;
  private final BatchStatement statement;

  StatementCall(HookContext batch, BatchStatement statement) {
    super(operationOf(statement.kind()), statement.scope(), rowsOf(operationOf(statement.kind()), statement),
        statement.update());
    this.batch = batch;
    this.statement = statement;
  }

  private static Operation operationOf(BatchStatement.Kind kind) {
    switch (kind) {
      case INSERT:
        return Operation.CREATE;
      case UPSERT:
        return Operation.UPSERT;
      case UPDATE:
        return Operation.UPDATE;
      default:
        return Operation.DELETE;
    }
  }

  /** The statement's one row, mutable, for an inserting operation; none for the by-id ones. */
  private static List<Map<String, Object>> rowsOf(Operation operation, BatchStatement statement) {
    List<Map<String, Object>> r = new ArrayList<>(1);
    if (operation.kind() == Operation.Kind.INSERT) {
      r.add(new LinkedHashMap<>(statement.data()));
    }
    return r;
  }

  /** The statement the rewritten state stands for. */
  BatchStatement toStatement() {
    if (deleteConvertedToUpdate()) {
      return new BatchStatement(statement.table(), BatchStatement.Kind.UPDATE, statement.id(), Map.of(), update(),
          filter());
    }
    List<Map<String, Object>> rows = rows();
    Map<String, Object> data = rows.isEmpty() ? statement.data() : rows.get(0);
    BatchStatement next = new BatchStatement(statement.table(), statement.kind(), statement.id(), data, update(),
        filter());
    return next.equals(statement) ? statement : next;
  }

  @Override
  public TableDef table() {
    return batch.table();
  }

  @Override
  public CallContext callContext() {
    return batch.callContext();
  }

  @Override
  public Optional<Object> id() {
    return Optional.ofNullable(statement.id());
  }

  @Override
  public void convertDeleteToUpdate(Update newUpdate) {
    if (operation() != Operation.DELETE) {
      throw new IllegalStateException("only a delete statement can be converted to an update, not " + operation());
    }
    convertToUpdate(newUpdate);
  }

  @Override
  public List<BatchStatement> batchStatements() {
    return List.of();
  }

  @Override
  public void setBatchStatements(List<BatchStatement> statements) {
    throw new IllegalStateException("a batch statement has no statements of its own");
  }

  @Override
  public void rewriteBatch(UnaryOperator<BatchStatement> rewrite) {
    // A statement has no statements of its own: nothing to rewrite, as for any non-batch call.
    Objects.requireNonNull(rewrite, "rewrite");
  }

  @Override
  public void applyToBatch(BeforeHook singleCallHook) {
    throw new IllegalStateException("applyToBatch is for BATCH calls, not " + operation());
  }

  @Override
  public Optional<Object> request() {
    return Optional.empty();
  }

  @Override
  public void setRequest(Object request) {
    throw new IllegalStateException("a batch statement has no request to replace");
  }

  @Override
  public Map<String, Object> attributes() {
    return batch.attributes();
  }

  @Override
  public void shortCircuit(Object result) {
    throw new IllegalStateException("a batch statement is a write and cannot be short-circuited");
  }

  @Override
  public boolean isShortCircuited() {
    return false;
  }

  @Override
  public boolean inTransaction() {
    return batch.inTransaction();
  }

  @Override
  public void afterCommit(Runnable action) {
    batch.afterCommit(action);
  }

  @Override
  public void afterCompletion(Runnable action) {
    batch.afterCompletion(action);
  }
}
