package io.sqlitekit.memory.internal;

import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.support.hook.CallState;
import io.sqlitekit.support.rules.ViewRules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Internal, not API, may change. All tables of one kit, one {@link ReentrantReadWriteLock} over them and
 * the undo log that makes every write call and transaction atomic.
 *
 * <p>Reads hold the read lock; a write call or a transaction holds the write lock for its whole duration,
 * so other threads see either none or all of its changes (serializable, like SQLite's single writer). The
 * lock is reentrant: nested writes on the owning thread are savepoints, i.e. a position in the undo log
 * that a failure rolls back to. Hooks see these writes as the kit's transactions: actions registered for
 * after the commit wait for the outermost write and are dropped with a failed one.
 *
 * @since 0.1.0
 */
public final class Store implements CallState.Transactions {
  private static final System.Logger LOG = System.getLogger(Store.class.getName());

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);
  private final Map<String, Table> tables = new ConcurrentHashMap<>();
  // Guarded by the write lock: only the thread holding it touches the log and the action queues.
  private final List<Runnable> undo = new ArrayList<>();
  private final List<Runnable> afterCommit = new ArrayList<>();
  private final List<Runnable> afterCompletion = new ArrayList<>();

  /**
   * Runs a read under the read lock.
   *
   * @param work the read
   * @param <R> the result type
   * @return the result
   */
  public <R> R read(Supplier<R> work) {
    ReentrantReadWriteLock.ReadLock r = lock.readLock();
    r.lock();
    try {
      return work.get();
    } finally {
      r.unlock();
    }
  }

  /**
   * Runs a write atomically under the write lock: if it throws, everything it changed is undone and the
   * exception propagates unchanged.
   *
   * @param work the write
   * @param <R> the result type
   * @return the result
   */
  @Override
  public <R> R write(Supplier<R> work) {
    ReentrantReadWriteLock.WriteLock w = lock.writeLock();
    w.lock();
    int mark = undo.size();
    int commitMark = afterCommit.size();
    boolean ok = false;
    boolean outermost = lock.getWriteHoldCount() == 1;
    List<Runnable> commitActions = List.of();
    List<Runnable> completionActions = List.of();
    try {
      R result = work.get();
      ok = true;
      return result;
    } finally {
      if (!ok) {
        rollbackTo(mark);
        // Like a rolled-back savepoint: what the undone work asked to run after commit never runs.
        afterCommit.subList(commitMark, afterCommit.size()).clear();
      }
      if (outermost) {
        undo.clear();
        commitActions = ok ? new ArrayList<>(afterCommit) : List.of();
        completionActions = new ArrayList<>(afterCompletion);
        afterCommit.clear();
        afterCompletion.clear();
      }
      w.unlock();
      // After unlock, as the SQLite driver does: actions may be slow or start new writes.
      runActions(commitActions, "after-commit");
      runActions(completionActions, "after-completion");
    }
  }

  private static void runActions(List<Runnable> actions, String kind) {
    for (Runnable r : actions) {
      try {
        r.run();
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, kind + " action failed; the transaction outcome stands", e);
      }
    }
  }

  /**
   * Returns whether the current thread is inside a write call or transaction (the kit's transactions seen
   * by hooks).
   *
   * @return true if it holds the write lock
   */
  @Override
  public boolean inTransaction() {
    return inWrite();
  }

  /**
   * Runs an action after the outermost write on this thread commits, or at once outside a write; discarded
   * when the write (or the nested write that registered it) fails. A failing action is logged, never
   * thrown.
   *
   * @param action the action
   */
  @Override
  public void afterCommit(Runnable action) {
    Objects.requireNonNull(action, "action");
    if (inWrite()) {
      afterCommit.add(action);
    } else {
      runActions(List.of(action), "after-commit");
    }
  }

  /**
   * Runs an action when the outermost write on this thread ends, committed or rolled back, or at once
   * outside a write. A failing action is logged, never thrown.
   *
   * @param action the action
   */
  @Override
  public void afterCompletion(Runnable action) {
    Objects.requireNonNull(action, "action");
    if (inWrite()) {
      afterCompletion.add(action);
    } else {
      runActions(List.of(action), "after-completion");
    }
  }

  private void rollbackTo(int mark) {
    for (int i = undo.size() - 1; i >= mark; i--) {
      undo.remove(i).run();
    }
  }

  /**
   * Returns whether the current thread is inside a write call or transaction.
   *
   * @return true if it holds the write lock
   */
  public boolean inWrite() {
    return lock.isWriteLockedByCurrentThread();
  }

    /**
   * Returns whether a table of this name exists (some repository of the kit created it).
   *
   * @param name the table name
   * @return true when it exists
   */
  public boolean has(String name) {
    return tables.containsKey(name);
  }

/**
   * Returns the table store for a definition, registering it on first use. Every repository of the kit on
   * the same table name shares the rows.
   *
   * @param def the definition
   * @return the table
   * @throws ConfigurationException if another definition is registered under the same name
   */
  public Table table(TableDef def) {
    if (def.isView() && !tables.containsKey(def.name())) {
      throw new ConfigurationException(String.format(Locale.ROOT,
          "view \"%s\" does not exist; create it with MemoryKit.createView first", def.name()));
    }
    Table t = tables.computeIfAbsent(def.name(), n -> new Table(def, null));
    if (!t.def.equals(def)) {
      throw new ConfigurationException(String.format(Locale.ROOT,
          "table \"%s\" is already registered with a different definition", def.name()));
    }
    return t;
  }

  /**
   * Registers a view: a table whose rows are the base table's rows matching a predicate, projected to the
   * view's columns, computed on every read so they always reflect the base table. Its mutators refuse.
   *
   * @param def the view definition (its columns already checked against the base table)
   * @param base the base table
   * @param where the rows the view exposes
   * @return the view's table
   * @throws ConfigurationException if a table or view of that name is already registered
   */
  public Table view(TableDef def, Table base, FilterEvaluator.Predicate where) {
    Objects.requireNonNull(where, "where");
    Table t = new Table(def, new ViewSource(Objects.requireNonNull(base, "base"), where));
    if (tables.putIfAbsent(def.name(), t) != null) {
      throw new ConfigurationException(String.format(Locale.ROOT,
          "a table or view named \"%s\" is already registered", def.name()));
    }
    return t;
  }

  /** Where a view's rows come from. */
  private record ViewSource(Table base, FilterEvaluator.Predicate where) {
  }

  /**
   * Returns the table store registered under a name, if a repository of this kit was ever created for it.
   *
   * @param name the table name
   * @return the table, or empty
   */
  public java.util.Optional<Table> find(String name) {
    return java.util.Optional.ofNullable(tables.get(name));
  }

  /**
   * Internal, not API, may change. The rows of one table keyed by the stored primary-key value in SQLite
   * order, plus the AUTOINCREMENT high-water mark. Mutators record their inverse in the kit's undo log; they
   * must be called inside {@link Store#write}.
   *
   * @since 0.1.0
   */
  public final class Table {
    private final TableDef def;
    private final ViewSource source;
    private final TreeMap<Object, Map<String, Object>> rows = new TreeMap<>(SqlValues.ORDER);
    private long sequence;

    Table(TableDef def, ViewSource source) {
      this.def = def;
      this.source = source;
    }

    /** The live rows, or for a view its rows computed from the base table now (SQLite evaluates a view so). */
    private NavigableMap<Object, Map<String, Object>> current() {
      if (source == null) {
        return rows;
      }
      TreeMap<Object, Map<String, Object>> out = new TreeMap<>(SqlValues.ORDER);
      String key = def.primaryKey().name();
      for (Map<String, Object> r : source.base().current().values()) {
        if (source.where().test(r)) {
          Map<String, Object> projected = new LinkedHashMap<>();
          for (Column c : def.columns()) {
            projected.put(c.name(), r.get(c.name()));
          }
          out.put(projected.get(key), Collections.unmodifiableMap(projected));
        }
      }
      return out;
    }

    /** Mutators are unreachable for a view (every write call is refused first); refuse anyway. */
    private void requireTable() {
      if (source != null) {
        ViewRules.requireWritable(def, "a row change");
      }
    }

    /**
     * Returns the definition.
     *
     * @return the definition
     */
    public TableDef def() {
      return def;
    }

    /**
     * Returns the rows in primary-key order (a live view; use under a lock).
     *
     * @return the rows
     */
    public Collection<Map<String, Object>> rows() {
      return Collections.unmodifiableCollection(current().values());
    }

    /**
     * Returns the row map (a live view; use under a lock).
     *
     * @return the rows keyed by stored primary key
     */
    public NavigableMap<Object, Map<String, Object>> byKey() {
      return Collections.unmodifiableNavigableMap(current());
    }

    /**
     * Returns a row by stored key.
     *
     * @param key the stored key
     * @return the row, or null
     */
    public Map<String, Object> get(Object key) {
      return current().get(key);
    }

    /**
     * Stores a row (an immutable map) under its key.
     *
     * @param key the stored key
     * @param row the row
     */
    public void put(Object key, Map<String, Object> row) {
      requireTable();
      Map<String, Object> old = rows.put(key, row);
      undo.add(old == null ? () -> rows.remove(key) : () -> rows.put(key, old));
    }

    /**
     * Removes a row.
     *
     * @param key the stored key
     * @return true if a row was removed
     */
    public boolean remove(Object key) {
      requireTable();
      Map<String, Object> old = rows.remove(key);
      if (old != null) {
        undo.add(() -> rows.put(key, old));
      }
      return old != null;
    }

    /**
     * Returns the AUTOINCREMENT high-water mark.
     *
     * @return the largest key ever allocated or stored
     */
    public long sequence() {
      return sequence;
    }

    /**
     * Raises the AUTOINCREMENT high-water mark.
     *
     * @param value the new mark
     */
    public void sequence(long value) {
      requireTable();
      long old = sequence;
      if (value > old) {
        sequence = value;
        undo.add(() -> sequence = old);
      }
    }
  }
}
