package io.sqlitekit.memory;

import io.sqlitekit.memory.internal.Defaults;
import io.sqlitekit.memory.internal.Rows;
import io.sqlitekit.memory.internal.Store;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.json.JsonCodec;
import io.sqlitekit.spi.plugin.PluginProvider;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.RowMapper;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.support.hook.HookEngine;
import io.sqlitekit.support.hook.Plugins;
import io.sqlitekit.support.json.JsonCodecs;
import io.sqlitekit.support.rules.ViewRules;
import java.lang.invoke.MethodHandles;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An in-memory repository kit: the test double for the SQLite kit. Repositories obtained from one kit on the
 * same table name share that table's rows; different kits share nothing.
 *
 * <pre>{@code
 * MemoryKit kit = MemoryKit.builder().plugins("multi-tenant", "soft-delete").build();
 * MemoryRepository<User, Long> users = kit.repository(USERS, User.class);
 * }</pre>
 *
 * <p><b>Plugins</b> are enabled, ordered and installed exactly as on the SQLite kit (the same resolution by
 * name through {@link ServiceLoader}, the same {@code runsAfter} order, the same hook engine), and every
 * repository call shows its hooks the same operation, filter, rows, update, request and batch statements as
 * the SQLite kit does, so plugins such as multi-tenant, soft-delete, timestamp, cache, lazy TTL and audit to
 * a logger behave alike on both kits. There is no driver: {@code HookRegistry.driver()} is empty, so
 * plugins that need SQL of their own (the audit table exporter, scheduled or trigger TTL) refuse to install.
 * The kit's own transactions stand in for the driver's: before-commit hooks run inside the write (one that
 * throws undoes it), hooks see {@code inTransaction()} inside {@link #inTransaction} and
 * {@code withTransaction}, and actions they register for after the commit wait for the outermost
 * transaction (and are dropped if it rolls back).
 *
 * <p><b>Concurrency:</b> one fair {@link java.util.concurrent.locks.ReentrantReadWriteLock} guards all tables
 * of a kit. Reads share the read lock; each write call and each transaction ({@link #inTransaction},
 * {@link MemoryRepository#withTransaction}) holds the write lock for its whole duration, so transactions are
 * serializable and other threads wait for them, like SQLite's single writer.
 *
 * <p><b>Differences from the SQLite kit:</b> raw SQL filters are refused with
 * {@link io.sqlitekit.spi.error.OperationNotSupportedException} (the repositories' capabilities leave out
 * {@link io.sqlitekit.spi.Capability#RAW_FILTER}); {@code defaultSql} supports only literals and
 * {@code CURRENT_TIMESTAMP}/{@code CURRENT_DATE}/{@code CURRENT_TIME}; unique indexes beyond the table
 * definition's UNIQUE columns are unknown.
 *
 * <p>Thread-safe once built.
 *
 * @since 0.1.0
 */
public final class MemoryKit implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(MemoryKit.class.getName());

  /** The default largest page size accepted by {@code getAll}. */
  public static final int DEFAULT_MAX_PAGE_LIMIT = 1000;

  private final Clock clock;
  private final JsonCodec json;
  private final int maxPageLimit;
  private final List<RepositoryPlugin> plugins;
  private final Store store = new Store();
  /** Document repositories of lookups' foreign tables, one per definition, so plugins install once. */
  private final Map<TableDef, MemoryRepository<Map<String, Object>, Object>> lookupTables =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final List<AutoCloseable> resources = new CopyOnWriteArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  private MemoryKit(Builder b, List<RepositoryPlugin> plugins) {
    this.clock = b.clock != null ? b.clock : Clock.systemUTC();
    this.json = b.json != null ? b.json : discoverJson();
    this.maxPageLimit = b.maxPageLimit != null ? b.maxPageLimit : DEFAULT_MAX_PAGE_LIMIT;
    this.plugins = List.copyOf(plugins);
  }

  /**
   * Loads providers through this module's class loader (its {@code uses} clauses), as the SQLite kit does;
   * a provider that fails to load is skipped.
   */
  private static <S> List<S> services(Class<S> type) {
    List<S> out = new ArrayList<>();
    Iterator<S> it = ServiceLoader.load(type, MemoryKit.class.getClassLoader()).iterator();
    // Bounded: the iterator moves past a broken provider, but never trust that to end a loop.
    for (int failures = 0; failures < 64; ) {
      try {
        if (!it.hasNext()) {
          break;
        }
        out.add(it.next());
      } catch (ServiceConfigurationError e) {
        failures++;
        LOG.log(System.Logger.Level.WARNING, "skipping a " + type.getSimpleName() + " that cannot be loaded: "
            + e.getMessage());
      }
    }
    return out;
  }

  private static JsonCodec discoverJson() {
    return JsonCodecs.select(services(JsonCodec.class));
  }

  /**
   * Creates a kit with the system UTC clock, the JSON codec found by {@link ServiceLoader} (else the built-in
   * one), the default maximum page size and no plugins.
   *
   * @return the kit
   */
  public static MemoryKit create() {
    return builder().build();
  }

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the kit's clock: plugins read it, and {@code CURRENT_TIMESTAMP}-style defaults use it.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Returns the JSON codec used for JSON-mode columns: the one given to the builder, else the first found by
   * {@link ServiceLoader}, else the built-in one the SQLite kit also falls back to.
   *
   * @return the codec
   */
  public JsonCodec jsonCodec() {
    return json;
  }

  /**
   * Returns the largest page size {@code getAll} accepts.
   *
   * @return the limit
   */
  public int maxPageLimit() {
    return maxPageLimit;
  }

  /**
   * Returns the names of the plugins enabled on every repository, in the order they install on each
   * repository (the SQLite kit's rule: every plugin after the enabled plugins it
   * {@linkplain RepositoryPlugin#runsAfter runs after}, otherwise in enablement order).
   *
   * @return the names
   */
  public List<String> pluginNames() {
    return Plugins.names(Plugins.order(plugins));
  }

  Store store() {
    return store;
  }

  /**
   * Returns a repository for a public record type.
   *
   * @param table the table
   * @param type the record class
   * @param <R> the record type
   * @param <ID> the primary-key type
   * @return the repository
   * @throws ConfigurationException if the table name is registered with another definition, a SQL default
   *     cannot be evaluated in memory, or a plugin refuses the table
   */
  public <R extends Record, ID> MemoryRepository<R, ID> repository(TableDef table, Class<R> type) {
    return repository(table, RowMapper.forRecord(Objects.requireNonNull(type, "type")), List.of());
  }

  /**
   * Returns a repository for a public record type with extra plugins for this repository only.
   *
   * @param table the table
   * @param type the record class
   * @param extraPlugins plugins added after the kit's
   * @param <R> the record type
   * @param <ID> the primary-key type
   * @return the repository
   * @throws ConfigurationException if a plugin name repeats one already enabled
   */
  public <R extends Record, ID> MemoryRepository<R, ID> repository(TableDef table, Class<R> type,
      List<RepositoryPlugin> extraPlugins) {
    return repository(table, RowMapper.forRecord(Objects.requireNonNull(type, "type")), extraPlugins);
  }

  /**
   * Returns a repository for a record type reachable through the given lookup.
   *
   * @param table the table
   * @param type the record class
   * @param lookup a lookup with access to the record
   * @param <R> the record type
   * @param <ID> the primary-key type
   * @return the repository
   */
  public <R extends Record, ID> MemoryRepository<R, ID> repository(TableDef table, Class<R> type,
      MethodHandles.Lookup lookup) {
    return repository(table, RowMapper.forRecord(Objects.requireNonNull(type, "type"),
        Objects.requireNonNull(lookup, "lookup")), List.of());
  }

  /**
   * Returns a repository with a custom row mapper.
   *
   * @param table the table
   * @param mapper the mapper
   * @param <T> the entity type
   * @param <ID> the primary-key type
   * @return the repository
   */
  public <T, ID> MemoryRepository<T, ID> repository(TableDef table, RowMapper<T> mapper) {
    return repository(table, mapper, List.of());
  }

  /**
   * Returns a repository with a custom row mapper and extra plugins for this repository only.
   *
   * @param table the table
   * @param mapper the mapper
   * @param extraPlugins plugins added after the kit's
   * @param <T> the entity type
   * @param <ID> the primary-key type
   * @return the repository
   * @throws ConfigurationException if the table name is registered with another definition, a SQL default
   *     cannot be evaluated in memory, a plugin name repeats one already enabled, plugin ordering constraints
   *     cannot be met or a plugin refuses the table
   * @throws IllegalStateException if the kit is closed
   */
  public <T, ID> MemoryRepository<T, ID> repository(TableDef table, RowMapper<T> mapper,
      List<RepositoryPlugin> extraPlugins) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(mapper, "mapper");
    Objects.requireNonNull(extraPlugins, "extraPlugins");
    ensureOpen();
    Defaults.check(table);
    Store.Table stored = store.table(table);
    List<RepositoryPlugin> all = new ArrayList<>(plugins);
    all.addAll(extraPlugins);
    MemoryRepository<T, ID>[] holder = newHolder();
    // No driver: plugins see an empty HookRegistry.driver(); the store's transactions stand in for its own.
    HookEngine engine = Plugins.install(all, new Plugins.Environment(table, clock, null,
        () -> holder[0] == null ? null : holder[0].documentView(), resources::add));
    holder[0] = new MemoryRepository<>(this, stored, mapper, engine, CallContext.empty());
    return holder[0];
  }

  /**
   * Creates a view: the rows of a base table matching a filter, projected to the view's columns (each a base
   * column of the same property key and storage class). It reflects the base table's current rows on every
   * read, as a SQLite view does; a repository over the view definition reads it and refuses every write with
   * a {@link io.sqlitekit.spi.error.ReadOnlyException}. The SQLite kit's
   * {@code SqliteKit.createView(TableDef, TableDef, Filter)} creates the same view.
   *
   * @param view the view definition ({@link TableDef#view} or {@link TableDef#asView()})
   * @param base the table it selects from (registered on first use, like {@link #repository})
   * @param where the rows it exposes ({@code Filters.all()} for every row)
   * @throws io.sqlitekit.spi.error.ValidationException if the definition is not a view, a view column is not
   *     a base column of the same storage class or the filter is invalid on the base table
   * @throws ConfigurationException if a table or view of that name is already registered
   * @throws IllegalStateException if the kit is closed
   * @since 0.3.0
   */
  public void createView(TableDef view, TableDef base, Filter where) {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(where, "where");
    ensureOpen();
    ViewRules.checkProjection(view, base);
    Store.Table baseTable = store.table(base);
    // Compiled now, so a bad filter fails here as CREATE VIEW fails on the SQLite kit.
    store.view(view, baseTable, Rows.where(base, where, json));
  }

  /**
   * Returns the document repository a lookup reads a foreign table through, or null when no repository of this
   * kit has created a table of that name.
   */
  MemoryRepository<Map<String, Object>, Object> lookupDocuments(TableDef table) {
    MemoryRepository<Map<String, Object>, Object> known = lookupTables.get(table);
    if (known != null) {
      return known;
    }
    return store.has(table.name())
        ? lookupTables.computeIfAbsent(table, t -> repository(t, RowMapper.documents())) : null;
  }

  @SuppressWarnings("unchecked")
  private static <T, ID> MemoryRepository<T, ID>[] newHolder() {
    return (MemoryRepository<T, ID>[]) new MemoryRepository<?, ?>[1];
  }

  /**
   * Returns a repository of {@code Map<String, Object>} documents.
   *
   * @param table the table
   * @return the repository
   */
  public MemoryRepository<Map<String, Object>, Object> documents(TableDef table) {
    return repository(table, RowMapper.documents(), List.of());
  }

  /**
   * Returns a document repository with extra plugins for this repository only.
   *
   * @param table the table
   * @param extraPlugins plugins added after the kit's
   * @return the repository
   */
  public MemoryRepository<Map<String, Object>, Object> documents(TableDef table,
      List<RepositoryPlugin> extraPlugins) {
    return repository(table, RowMapper.documents(), extraPlugins);
  }

  /**
   * Runs work in one transaction spanning every repository of this kit: commit when it returns, roll back
   * every change when it throws (the exception propagates unchanged). Nested calls are savepoints. The
   * kit's write lock is held for the duration, so other threads wait.
   *
   * @param work the body
   * @param <R> the result type
   * @return the body's result
   */
  public <R> R inTransaction(Supplier<R> work) {
    Objects.requireNonNull(work, "work");
    return store.write(work);
  }

  /**
   * Runs work in one transaction like {@link #inTransaction(Supplier)}, handing it a scope that checks
   * repositories belong to this kit (the SQLite kit's signature, so code moves between kits unchanged).
   *
   * @param work the body
   * @param <R> the result type
   * @return the body's result
   */
  public <R> R inTransaction(Function<TxScope, R> work) {
    Objects.requireNonNull(work, "work");
    TxScope scope = new TxScope() {
      @Override
      public <T, ID> MemoryRepository<T, ID> repo(MemoryRepository<T, ID> repository) {
        if (repository.kit() != MemoryKit.this) {
          throw new IllegalArgumentException("repository belongs to another kit");
        }
        return repository;
      }
    };
    return store.write(() -> work.apply(scope));
  }

  /**
   * Closes every resource plugins registered; afterwards no repository can be created. Rows stay readable
   * through existing repositories. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (AutoCloseable r : resources) {
      try {
        r.close();
      } catch (Exception e) {
        LOG.log(System.Logger.Level.WARNING, "plugin resource " + r.getClass().getName() + " failed to close", e);
      }
    }
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("kit is closed");
    }
  }

  /**
   * Builds a {@link MemoryKit}. Mutable, single-use, not thread-safe; each setter may be called once
   * ({@link #plugins} and {@link #plugin} accumulate).
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private Clock clock;
    private JsonCodec json;
    private Integer maxPageLimit;
    private final List<Object> pluginEntries = new ArrayList<>();
    private boolean built;

    private Builder() {
    }

    private void usable() {
      if (built) {
        throw new IllegalStateException("builder already used");
      }
    }

    /**
     * Sets the clock plugins and time-based defaults read (default: the UTC system clock).
     *
     * @param c the clock
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder clock(Clock c) {
      usable();
      if (clock != null) {
        throw new IllegalStateException("clock was already set");
      }
      clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /**
     * Sets the JSON codec for JSON-mode columns (default: the first one {@link ServiceLoader} finds, else the
     * built-in one).
     *
     * @param codec the codec
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder jsonCodec(JsonCodec codec) {
      usable();
      if (json != null) {
        throw new IllegalStateException("jsonCodec was already set");
      }
      json = Objects.requireNonNull(codec, "codec");
      return this;
    }

    /**
     * Sets the largest page size {@code getAll} accepts.
     *
     * @param limit a positive limit
     * @return this builder
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if already set
     */
    public Builder maxPageLimit(int limit) {
      usable();
      if (maxPageLimit != null) {
        throw new IllegalStateException("maxPageLimit was already set");
      }
      if (limit < 1) {
        throw new IllegalArgumentException("maxPageLimit must be >= 1, was " + limit);
      }
      maxPageLimit = limit;
      return this;
    }

    /**
     * Enables discovered plugins by name, with default options. May be called several times.
     *
     * @param names plugin names such as {@code "multi-tenant"}
     * @return this builder
     */
    public Builder plugins(String... names) {
      usable();
      for (String n : Objects.requireNonNull(names, "names")) {
        pluginEntries.add(Objects.requireNonNull(n, "plugin name"));
      }
      return this;
    }

    /**
     * Enables a discovered plugin by name with text options, for example
     * {@code plugin("soft-delete", Map.of("field", "removedAt"))}. May be called several times; an unknown key
     * or a bad value makes {@link #build()} fail with a {@code ConfigurationException} naming it.
     *
     * @param name the plugin's name
     * @param options option name to value
     * @return this builder
     * @since 0.2.0
     */
    public Builder plugin(String name, java.util.Map<String, String> options) {
      usable();
      pluginEntries.add(new Plugins.Named(name, options));
      return this;
    }

    /**
     * Enables a plugin instance. May be called several times.
     *
     * @param plugin the plugin
     * @return this builder
     */
    public Builder plugin(RepositoryPlugin plugin) {
      usable();
      pluginEntries.add(Objects.requireNonNull(plugin, "plugin"));
      return this;
    }

    /**
     * Resolves the plugins and builds the kit.
     *
     * @return the kit
     * @throws ConfigurationException if a plugin name is unknown or repeated, or plugins must run after each
     *     other in a cycle
     */
    public MemoryKit build() {
      usable();
      built = true;
      List<RepositoryPlugin> resolved = Plugins.resolve(pluginEntries, () -> services(PluginProvider.class));
      Plugins.order(resolved);
      return new MemoryKit(this, resolved);
    }
  }
}
