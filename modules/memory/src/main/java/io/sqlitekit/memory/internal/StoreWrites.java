package io.sqlitekit.memory.internal;

import io.sqlitekit.memory.internal.FilterEvaluator.Predicate;
import io.sqlitekit.spi.UpsertOptions;
import io.sqlitekit.spi.error.DataAccessException;
import io.sqlitekit.spi.error.DuplicateKeyException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.error.VersionConflictException;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.json.JsonCodec;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.StorageClass;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import io.sqlitekit.support.rules.WriteRules;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Internal, not API, may change. The memory kit's row writes, each as the SQLite kit's statement would do it:
 * INSERT with codecs, NOT NULL, defaults, rowids, key and UNIQUE checks; UPDATE by key or scope with version
 * bumps and the 64-bit increment check; INSERT … ON CONFLICT; DELETE. Callers hold the store's write lock.
 */
public final class StoreWrites {
  private final JsonCodec json;
  private final Clock clock;

  /**
   * Creates the writes of one kit.
   *
   * @param json the JSON codec
   * @param clock the clock column defaults read
   */
  public StoreWrites(JsonCodec json, Clock clock) {
    this.json = json;
    this.clock = clock;
  }

  private static Number asNumber(Object v) {
    if (v == null) {
      return 0L;
    }
    if (v instanceof Number) {
      return (Number) v;
    }
    if (v instanceof String) {
      Number n = SqlValues.parseNumber((String) v);
      return n == null ? 0L : n;
    }
    return 0L;
  }


  private static Map<String, Object> freeze(TableDef t, Map<String, Object> row) {
    Map<String, Object> out = new LinkedHashMap<>(t.columns().size() * 2);
    for (Column c : t.columns()) {
      out.put(c.name(), Rows.copyBlob(row.get(c.name())));
    }
    return Collections.unmodifiableMap(out);
  }

  private static DuplicateKeyException duplicate(TableDef t, Column c) {
    return new DuplicateKeyException(String.format(Locale.ROOT,
        "UNIQUE constraint failed on table \"%s\", field \"%s\"", t.name(), c.name()));
  }

  /** Rejects a row whose UNIQUE values clash with another row (NULLs never clash, as in SQLite). */
  private static void checkUnique(Store.Table t, Map<String, Object> row, Object selfKey) {
    for (Column c : t.def().columns()) {
      if (!c.isUnique() || c.isPrimaryKey()) {
        continue;
      }
      Object v = row.get(c.name());
      if (v == null) {
        continue;
      }
      for (Map.Entry<Object, Map<String, Object>> e : t.byKey().entrySet()) {
        if (selfKey != null && SqlValues.same(e.getKey(), selfKey)) {
          continue;
        }
        Object o = e.getValue().get(c.name());
        if (o != null && SqlValues.same(o, v)) {
          throw duplicate(t.def(), c);
        }
      }
    }
  }

  /**
   * Checks an insert payload the way the SQLite kit does before it writes anything: known fields, value types,
   * NOT NULL.
   *
   * @param td the table
   * @param fields the row's fields
   * @return the encoded values
   */
  public Map<String, Object> validateInsert(TableDef td, Map<String, Object> fields) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      Column c = td.require(e.getKey());
      if (e.getValue() == null && c.isNotNull()) {
        throw WriteRules.notNull(td, c);
      }
      row.put(c.name(), c.toSql(e.getValue(), json));
    }
    for (Column c : td.columns()) {
      if (c.isNotNull() && !c.hasDefault() && !fields.containsKey(c.name())) {
        throw WriteRules.notNull(td, c);
      }
    }
    return row;
  }

  /** Builds the stored row an INSERT would write, without storing it: codecs, NOT NULL, defaults, rowid. */
  private Map<String, Object> buildInsert(Store.Table t, Map<String, Object> fields) {
    TableDef td = t.def();
    Map<String, Object> row = validateInsert(td, fields);
    for (Column c : td.columns()) {
      if (row.containsKey(c.name())) {
        continue;
      }
      if (c.isPrimaryKey() && c.storage() == StorageClass.INTEGER) {
        row.put(c.name(), nextRowid(t));
      } else {
        Object v = Defaults.value(c, json, clock);
        if (v == null && c.isNotNull()) {
          throw WriteRules.notNull(td, c);
        }
        row.put(c.name(), v);
      }
    }
    return freeze(td, row);
  }

  private static long nextRowid(Store.Table t) {
    long max = 0;
    if (!t.byKey().isEmpty()) {
      Object last = t.byKey().lastKey();
      if (last instanceof Number) {
        max = ((Number) last).longValue();
      }
    }
    if (t.def().primaryKey().isAutoIncrement()) {
      max = Math.max(max, t.sequence());
    }
    if (max == Long.MAX_VALUE) {
      throw new DataAccessException("database or disk is full: no rowid left in table \"" + t.def().name() + "\"");
    }
    return max + 1;
  }

  private Map<String, Object> storeRow(Store.Table t, Map<String, Object> row) {
    Column key = t.def().primaryKey();
    Object k = row.get(key.name());
    if (t.get(k) != null) {
      throw duplicate(t.def(), key);
    }
    checkUnique(t, row, null);
    if (key.isAutoIncrement() && k instanceof Number) {
      t.sequence(((Number) k).longValue());
    }
    t.put(k, row);
    return row;
  }

  /**
   * Inserts a row as INSERT would: codecs, NOT NULL, defaults, rowid, then key and UNIQUE checks.
   *
   * @param t the table
   * @param fields the row's fields
   * @return the stored row
   */
  public Map<String, Object> insert(Store.Table t, Map<String, Object> fields) {
    return storeRow(t, buildInsert(t, fields));
  }

  private Map<String, Object> apply(Store.Table t, Object key, Map<String, Object> current, Update u) {
    TableDef td = t.def();
    Map<String, Object> next = new LinkedHashMap<>(current);
    for (Map.Entry<String, Object> e : u.set().entrySet()) {
      next.put(e.getKey(), td.require(e.getKey()).toSql(e.getValue(), json));
    }
    for (String f : u.unset()) {
      next.put(f, null);
    }
    for (Map.Entry<String, Number> e : u.inc().entrySet()) {
      Column c = td.require(e.getKey());
      Number delta = (Number) c.toSql(e.getValue(), json);
      Number before = asNumber(current.get(c.name()));
      if (c.storage() == StorageClass.INTEGER && SqlValues.isInteger(before) && SqlValues.isInteger(delta)) {
        try {
          Math.addExact(before.longValue(), delta.longValue());
        } catch (ArithmeticException overflow) {
          // SQLite would turn the sum into a REAL; both kits refuse it (the store rolls back rows already changed).
          throw WriteRules.incrementOverflow(td, c, delta.longValue());
        }
      }
      next.put(c.name(), SqlValues.affinity(c.storage(), SqlValues.add(before, delta)));
    }
    Optional<Column> version = td.version();
    if (version.isPresent()) {
      String v = version.get().name();
      if (!u.set().containsKey(v) && !u.inc().containsKey(v) && !u.unset().contains(v)) {
        next.put(v, SqlValues.affinity(StorageClass.INTEGER, SqlValues.add(asNumber(current.get(v)), 1L)));
      }
    }
    Map<String, Object> frozen = freeze(td, next);
    checkUnique(t, frozen, key);
    t.put(key, frozen);
    return frozen;
  }

  /**
   * Updates the row with a key when it is inside a scope, as UPDATE … WHERE key AND scope.
   *
   * @param t the table
   * @param id the key
   * @param scopeFilter the scope
   * @param u the update (checked here)
   * @param expectedVersion the version the row must have, or null
   * @return the row after the update (unchanged when the update changes nothing), or empty
   */
  public Optional<Map<String, Object>> update(Store.Table t, Object id, Filter scopeFilter, Update u,
      Long expectedVersion) {
    TableDef td = t.def();
    WriteRules.validateUpdate(td, td::require, u, json);
    Object key = Rows.encodeId(td, id, json);
    Predicate scope = Rows.where(td, scopeFilter, json);
    Optional<Column> version = td.version();
    if (expectedVersion != null && version.isEmpty()) {
      throw new ValidationException(String.format(Locale.ROOT,
          "table \"%s\" has no version field; expectedVersion cannot be checked", td.name()));
    }
    Map<String, Object> current = t.get(key);
    if (current == null || !scope.test(current)) {
      return Optional.empty();
    }
    if (!u.changesExistingRows()) {
      return Optional.of(current);
    }
    if (expectedVersion != null) {
      Object actual = current.get(version.get().name());
      if (actual == null || SqlValues.compare(actual, expectedVersion) != 0) {
        throw new VersionConflictException(String.valueOf(id), expectedVersion,
            actual == null ? null : ((Number) actual).longValue());
      }
    }
    return Optional.of(apply(t, key, current, u));
  }

  /**
   * INSERT … ON CONFLICT, as the SQLite kit runs it. On a conflict the row is updated with
   * {@code conflictUpdate} when it changes anything (plugins state it so, e.g. to keep createdAt), else with
   * every non-key field of the row, and only when the conflicting row is inside {@code scope}; with nothing to
   * update, or a conflicting row outside the scope, the visible conflicting row is returned, and if there is
   * none the conflict is a duplicate key.
   *
   * @param t the table
   * @param fields the row's fields
   * @param o the conflict target
   * @param conflictUpdate the update on a conflict, or an empty one
   * @param scope the scope the conflicting row must be in
   * @return the stored row
   */
  public Map<String, Object> upsert(Store.Table t, Map<String, Object> fields, UpsertOptions o,
      Update conflictUpdate, Filter scope) {
    TableDef td = t.def();
    Column key = td.primaryKey();
    List<String> target = o.conflictFields().isEmpty() ? List.of(key.name()) : o.conflictFields();
    for (String f : target) {
      td.require(f);
    }
    Map<String, Object> candidate = buildInsert(t, fields);
    boolean explicit = conflictUpdate.changesExistingRows();
    if (explicit) {
      WriteRules.validateUpdate(td, td::require, conflictUpdate, json);
    }
    Predicate conflictWhere = Rows.where(td, o.conflictWhere(), json);
    Predicate inScope = Rows.where(td, scope, json);
    // A target the definition declares unique (the key, a UNIQUE column) is a full index: every equal row
    // conflicts, as in SQLite, whatever conflictWhere says; other targets stand for a (partial) index made
    // with SQL, whose condition conflictWhere repeats.
    Column single = target.size() == 1 ? td.require(target.get(0)) : null;
    boolean fullIndex = single != null && (single.isPrimaryKey() || single.isUnique());
    Map<String, Object> existing = null;
    for (Map<String, Object> r : t.rows()) {
      if (clashes(candidate, r, target) && (fullIndex || conflictWhere.test(r))) {
        existing = r;
        break;
      }
    }
    if (existing == null) {
      return storeRow(t, candidate);
    }
    Object existingKey = existing.get(key.name());
    if (explicit && inScope.test(existing)) {
      return apply(t, existingKey, existing, conflictUpdate);
    }
    Map<String, Object> set = new LinkedHashMap<>();
    if (!explicit) {
      for (String f : fields.keySet()) {
        if (!target.contains(f) && !f.equals(key.name())) {
          set.put(f, candidate.get(f));
        }
      }
    }
    if (!set.isEmpty() && inScope.test(existing)) {
      Map<String, Object> next = new LinkedHashMap<>(existing);
      next.putAll(set);
      Optional<Column> version = td.version();
      if (version.isPresent() && !fields.containsKey(version.get().name())) {
        String v = version.get().name();
        next.put(v, SqlValues.affinity(StorageClass.INTEGER, SqlValues.add(asNumber(existing.get(v)), 1L)));
      }
      Map<String, Object> frozen = freeze(td, next);
      checkUnique(t, frozen, existingKey);
      t.put(existingKey, frozen);
      return frozen;
    }
    // Nothing was updated (nothing to set, or the conflicting row is outside the scope): the SQLite kit
    // then returns the conflicting row the caller may see.
    for (String f : target) {
      if (!fields.containsKey(f)) {
        throw new ValidationException(f, String.format(Locale.ROOT,
            "upsert on table \"%s\" needs conflict field \"%s\" in the row", td.name(), f));
      }
    }
    for (Map<String, Object> r : t.rows()) {
      if (clashes(candidate, r, target) && conflictWhere.test(r) && inScope.test(r)) {
        return r;
      }
    }
    throw new DuplicateKeyException(String.format(Locale.ROOT,
        "upsert on table \"%s\" conflicts on %s with a row outside the caller's scope", td.name(), target));
  }

  /** Whether a stored row has the candidate's (non-NULL) values on every conflict field. */
  private static boolean clashes(Map<String, Object> candidate, Map<String, Object> row, List<String> target) {
    for (String f : target) {
      Object a = candidate.get(f);
      Object b = row.get(f);
      if (a == null || b == null || !SqlValues.same(a, b)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Applies an update to every row in scope, as UPDATE … WHERE scope.
   *
   * @param t the table
   * @param scope the scope
   * @param u the update (checked here)
   * @return the number of rows changed
   */
  public long updateWhere(Store.Table t, Filter scope, Update u) {
    TableDef td = t.def();
    WriteRules.validateUpdate(td, td::require, u, json);
    Predicate p = Rows.where(td, scope, json);
    if (!u.changesExistingRows()) {
      return 0;
    }
    List<Map<String, Object>> matched = Rows.select(t, p, (a, b) -> 0);
    for (Map<String, Object> r : matched) {
      apply(t, r.get(td.primaryKey().name()), r, u);
    }
    return matched.size();
  }

  /**
   * Deletes the row with a key when it is inside a scope.
   *
   * @param t the table
   * @param id the key
   * @param scopeFilter the scope
   * @return whether a row was deleted
   */
  public boolean deleteById(Store.Table t, Object id, Filter scopeFilter) {
    TableDef td = t.def();
    Object key = Rows.encodeId(td, id, json);
    Predicate scope = Rows.where(td, scopeFilter, json);
    Map<String, Object> current = t.get(key);
    return current != null && scope.test(current) && t.remove(key);
  }

  /**
   * Deletes every row in scope.
   *
   * @param t the table
   * @param scope the scope
   * @return the number of rows deleted
   */
  public long deleteWhere(Store.Table t, Filter scope) {
    List<Map<String, Object>> matched = Rows.select(t, Rows.where(t.def(), scope, json), (a, b) -> 0);
    for (Map<String, Object> r : matched) {
      t.remove(r.get(t.def().primaryKey().name()));
    }
    return matched.size();
  }
}
