package io.sqlitekit.spi;

import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One unexecuted statement of a batch, built by a {@link BatchBuilder}. Immutable; policy plugins may
 * rewrite it (stamp a tenant into {@code data}, narrow {@code scope}) before the batch runs.
 *
 * @param table the table the statement writes
 * @param kind what the statement does
 * @param id the primary key for UPDATE and DELETE, else null
 * @param data the fields to insert for INSERT and UPSERT (property keys, Java values), else empty
 * @param update the change for UPDATE (and the conflict update of UPSERT, derived from data when empty)
 * @param scope an extra condition AND-ed to the key match of UPDATE and DELETE, and to the conflict update
 *     of UPSERT: a conflicting row outside the scope is neither updated nor returned (the SQLite kit then
 *     fails the statement with a {@code DuplicateKeyException}); INSERT ignores it
 * @since 0.1.0
 */
public record BatchStatement(TableDef table, Kind kind, Object id, Map<String, Object> data, Update update,
    Filter scope) {

  /**
   * The statement kinds.
   *
   * @since 0.1.0
   */
  public enum Kind {
    /** INSERT of one row. */
    INSERT,
    /** INSERT … ON CONFLICT (primary key) DO UPDATE. */
    UPSERT,
    /** UPDATE of one row by primary key. */
    UPDATE,
    /** DELETE of one row by primary key. */
    DELETE
  }

  /**
   * Validates the statement.
   *
   * @throws NullPointerException if a required component is null
   * @throws IllegalArgumentException if {@code id} is missing for UPDATE or DELETE
   */
  public BatchStatement {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(kind, "kind");
    Map<String, Object> copy = new LinkedHashMap<>();
    Objects.requireNonNull(data, "data").forEach((k, v) -> copy.put(Objects.requireNonNull(k, "field"), v));
    data = Collections.unmodifiableMap(copy);
    Objects.requireNonNull(update, "update");
    Objects.requireNonNull(scope, "scope");
    if ((kind == Kind.UPDATE || kind == Kind.DELETE) && id == null) {
      throw new IllegalArgumentException(kind + " batch statement needs an id");
    }
  }

  /**
   * An INSERT statement.
   *
   * @param table the table
   * @param data the fields
   * @return the statement
   */
  public static BatchStatement insert(TableDef table, Map<String, Object> data) {
    return new BatchStatement(table, Kind.INSERT, null, data, Update.empty(), Filters.all());
  }

  /**
   * An UPSERT statement on the primary key.
   *
   * @param table the table
   * @param data the fields
   * @return the statement
   */
  public static BatchStatement upsert(TableDef table, Map<String, Object> data) {
    return new BatchStatement(table, Kind.UPSERT, null, data, Update.empty(), Filters.all());
  }

  /**
   * An UPDATE by primary key.
   *
   * @param table the table
   * @param id the key
   * @param update the change
   * @return the statement
   */
  public static BatchStatement update(TableDef table, Object id, Update update) {
    return new BatchStatement(table, Kind.UPDATE, id, Map.of(), update, Filters.all());
  }

  /**
   * A DELETE by primary key.
   *
   * @param table the table
   * @param id the key
   * @return the statement
   */
  public static BatchStatement delete(TableDef table, Object id) {
    return new BatchStatement(table, Kind.DELETE, id, Map.of(), Update.empty(), Filters.all());
  }

  /**
   * Returns a copy with other insert data.
   *
   * @param newData the fields
   * @return the new statement
   */
  public BatchStatement withData(Map<String, Object> newData) {
    return new BatchStatement(table, kind, id, newData, update, scope);
  }

  /**
   * Returns a copy with another change.
   *
   * @param newUpdate the change
   * @return the new statement
   */
  public BatchStatement withUpdate(Update newUpdate) {
    return new BatchStatement(table, kind, id, data, newUpdate, scope);
  }

  /**
   * Returns a copy with an extra condition AND-ed to the current scope.
   *
   * @param extra the condition
   * @return the new statement
   */
  public BatchStatement withScope(Filter extra) {
    return new BatchStatement(table, kind, id, data, update, Filters.and(scope, extra));
  }
}
