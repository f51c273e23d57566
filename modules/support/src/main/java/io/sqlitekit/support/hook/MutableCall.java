package io.sqlitekit.support.hook;

import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.plugin.HookContext;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.update.Update;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The part of a {@link HookContext} that before-hooks rewrite: the scope filter, the rows, the update and the
 * delete-to-update conversion. A repository call ({@link CallState}) and a batch statement seen as a single call
 * ({@link StatementCall}) share it, so a hook's rewrite is checked and recorded the same way in both.
 */
abstract class MutableCall implements HookContext {
  private final Operation operation;
  private Filter filter;
  private List<Map<String, Object>> rows;
  private Update update;
  private boolean converted;

  MutableCall(Operation operation, Filter filter, List<Map<String, Object>> rows, Update update) {
    this.operation = operation;
    this.filter = filter;
    this.rows = rows;
    this.update = update;
  }

  @Override
  public final Operation operation() {
    return operation;
  }

  @Override
  public final Filter filter() {
    return filter;
  }

  @Override
  public final void setFilter(Filter newFilter) {
    this.filter = Objects.requireNonNull(newFilter, "filter");
  }

  @Override
  public final List<Map<String, Object>> rows() {
    return rows;
  }

  /** Replaces the rows; the list and its maps must be this call's own and mutable (hooks edit them). */
  final void replaceRows(List<Map<String, Object>> newRows) {
    this.rows = newRows;
  }

  @Override
  public final Update update() {
    return update;
  }

  @Override
  public final void setUpdate(Update newUpdate) {
    this.update = Objects.requireNonNull(newUpdate, "update");
  }

  @Override
  public final boolean deleteConvertedToUpdate() {
    return converted;
  }

  /** Records a hook's conversion of this delete into the given update; the caller checked the operation. */
  final void convertToUpdate(Update newUpdate) {
    setUpdate(newUpdate);
    this.converted = true;
  }
}
