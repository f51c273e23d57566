package io.sqlitekit.plugin.audit.internal;

import io.sqlitekit.spi.BatchStatement;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.plugin.HookContext;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A plain HookContext for testing entry building without the core engine. */
final class FakeContext implements HookContext {
  Operation op;
  TableDef table;
  CallContext cc = CallContext.empty();
  Object id;
  Filter filter = Filters.all();
  List<Map<String, Object>> rows = new ArrayList<>();
  Update update = Update.empty();
  boolean converted;
  List<BatchStatement> statements = List.of();
  Object request;
  final Map<String, Object> attributes = new HashMap<>();

  FakeContext(Operation op, TableDef table) {
    this.op = op;
    this.table = table;
  }

  @Override
  public Operation operation() {
    return op;
  }

  @Override
  public TableDef table() {
    return table;
  }

  @Override
  public CallContext callContext() {
    return cc;
  }

  @Override
  public Optional<Object> id() {
    return Optional.ofNullable(id);
  }

  @Override
  public Filter filter() {
    return filter;
  }

  @Override
  public void setFilter(Filter f) {
    filter = f;
  }

  @Override
  public List<Map<String, Object>> rows() {
    return rows;
  }

  @Override
  public Update update() {
    return update;
  }

  @Override
  public void setUpdate(Update u) {
    update = u;
  }

  @Override
  public void convertDeleteToUpdate(Update u) {
    update = u;
    converted = true;
  }

  @Override
  public boolean deleteConvertedToUpdate() {
    return converted;
  }

  @Override
  public List<BatchStatement> batchStatements() {
    return statements;
  }

  @Override
  public void setBatchStatements(List<BatchStatement> s) {
    statements = s;
  }

  @Override
  public Optional<Object> request() {
    return Optional.ofNullable(request);
  }

  @Override
  public void setRequest(Object r) {
    request = r;
  }

  @Override
  public Map<String, Object> attributes() {
    return attributes;
  }

  @Override
  public void shortCircuit(Object result) {
    throw new IllegalStateException("writes cannot short-circuit");
  }

  @Override
  public boolean isShortCircuited() {
    return false;
  }

  @Override
  public boolean inTransaction() {
    return false;
  }

  @Override
  public void afterCommit(Runnable action) {
    action.run();
  }

  @Override
  public void afterCompletion(Runnable action) {
    action.run();
  }
}
