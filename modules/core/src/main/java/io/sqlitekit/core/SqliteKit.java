package io.sqlitekit.core;

import io.sqlitekit.support.json.JsonCodecs;
import io.sqlitekit.support.hook.HookEngine;
import io.sqlitekit.support.discovery.Discovery;
import io.sqlitekit.support.hook.Plugins;
import io.sqlitekit.support.hook.WriteOwner;
import io.sqlitekit.core.internal.render.FilterRenderer;
import io.sqlitekit.core.internal.render.StatementRenderer;
import io.sqlitekit.core.internal.render.TableModel;
import io.sqlitekit.core.internal.render.ViewDdl;
import io.sqlitekit.core.internal.tx.RetryingDriver;
import io.sqlitekit.core.internal.tx.StatementDispatch;
import io.sqlitekit.core.schema.Ddl;
import io.sqlitekit.spi.compile.FilterCompiler;
import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.driver.DriverProvider;
import io.sqlitekit.spi.driver.PragmaPreset;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.driver.StatementListener;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.OperationNotSupportedException;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.json.JsonCodec;
import io.sqlitekit.spi.plugin.PluginProvider;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.RowMapper;
import io.sqlitekit.spi.table.TableDef;
import java.lang.invoke.MethodHandles;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQLite kit: one database, its driver, the enabled plugins, and the repositories over its tables.
 *
 * <pre>{@code
 * try (SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:app.db").plugins("timestamp").build()) {
 *   kit.createTableIfNotExists(USERS);
 *   SqliteRepository<User, String> users = kit.repository(USERS, User.class);
 * }
 * }</pre>
 *
 * <p>Thread-safe. Repositories are cheap to create; each installs the kit's plugins (plus its own) once.
 * Closing the kit closes the driver and every resource plugins registered.
 *
 * @since 0.1.0
 */
public final class SqliteKit implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteKit.class);

  private final SqliteDriver driver;
  private final Clock clock;
  private final JsonCodec json;
  private final int maxPageLimit;
  private final List<RepositoryPlugin> plugins;
  private final FilterCompiler compiler;
  private final FilterRenderer renderer;
  private final RetryPolicy retryPolicy;
  private final RetryPolicy lockRetryPolicy;
  private final boolean strictTables;
  private final List<AutoCloseable> resources = new CopyOnWriteArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final WriteOwner writeOwner = new WriteOwner();

  private final StatementDispatch statements;
  /** Document repositories of lookups' foreign tables, one per definition, so plugins install once. */
  private final Map<TableDef, SqliteRepository<Map<String, Object>, Object>> lookupTables =
      new java.util.concurrent.ConcurrentHashMap<>();

  private SqliteKit(Builder b, SqliteDriver driver, List<RepositoryPlugin> plugins, StatementDispatch statements) {
    this.statements = statements;
    this.retryPolicy = b.retryPolicy != null ? b.retryPolicy : RetryPolicy.none();
    this.lockRetryPolicy = b.lockRetry != null ? b.lockRetry : RetryPolicy.lockDefaults();
    this.driver = RetryingDriver.wrap(driver, retryPolicy, lockRetryPolicy);
    this.clock = b.clock != null ? b.clock : Clock.systemUTC();
    this.json = b.json != null ? b.json : discoverJson();
    this.maxPageLimit = b.maxPageLimit != null ? b.maxPageLimit : 1000;
    this.strictTables = Boolean.TRUE.equals(b.strictTables);
    this.plugins = List.copyOf(plugins);
    this.compiler = b.compiler;
    this.renderer = new FilterRenderer(json, Boolean.TRUE.equals(b.allowRawSubqueries), driver.supportsRegexp());
  }

  /**
   * Loads providers through core's own class loader, not the thread's context loader: on the module path
   * that is the layer core lives in (its {@code uses} clauses), and a context loader that sees another copy
   * of the spi would yield providers of a foreign type. A provider that fails to load is skipped.
   */
  static <S> List<S> services(Class<S> type) {
    List<S> out = new ArrayList<>();
    java.util.Iterator<S> it = ServiceLoader.load(type, SqliteKit.class.getClassLoader()).iterator();
    // Bounded: the iterator moves past a broken provider, but never trust that to end a loop.
    for (int failures = 0; failures < 64; ) {
      try {
        if (!it.hasNext()) {
          break;
        }
        out.add(it.next());
      } catch (java.util.ServiceConfigurationError e) {
        failures++;
        LOG.warn("skipping a {} that cannot be loaded: {}", type.getSimpleName(), e.getMessage());
      }
    }
    return out;
  }

  /**
   * Loads providers like {@link #services} and lists them at DEBUG, one line per provider with its name and
   * origin (module and version on the module path, the jar or folder on the class path), so what the kit could
   * choose from is visible without a debugger.
   */
  static <S> List<S> discovered(Class<S> type, String kind, java.util.function.Function<S, String> name) {
    List<S> found = services(type);
    if (LOG.isDebugEnabled()) {
      Discovery.report(kind, found, name).forEach(line -> LOG.debug("discovered {}", line));
    }
    return found;
  }

  private static JsonCodec discoverJson() {
    return JsonCodecs.select(services(JsonCodec.class));
  }

  /**
   * Opens a kit with the production pragma preset, the driver found by {@link ServiceLoader} and no
   * plugins.
   *
   * @param url a JDBC URL such as {@code jdbc:sqlite:app.db}
   * @return the kit
   * @throws ConfigurationException if no driver accepts the URL or the database cannot be opened
   */
  public static SqliteKit open(String url) {
    return builder().url(url).build();
  }

  /**
   * Returns a new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the driver.
   *
   * @return the driver
   */
  public SqliteDriver driver() {
    return driver;
  }

  /**
   * Returns the kit's clock.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Returns the JSON codec used for JSON-mode columns.
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
   * Returns the retry policy applied to every whole write transaction: each single write call,
   * {@link #inTransaction}, {@code withTransaction}, {@code batch} and {@link Batch#run} (never to work nested
   * in a running transaction); {@link RetryPolicy#none()} unless the builder set one.
   *
   * @return the policy
   */
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /**
   * Returns the retry applied to a write whose transaction could not start because another connection held
   * the database's write lock beyond {@code busy_timeout}; the work had not run, so it is tried again without
   * re-running anything. {@link RetryPolicy#lockDefaults()} unless the builder set another.
   *
   * @return the policy
   */
  public RetryPolicy lockRetryPolicy() {
    return lockRetryPolicy;
  }

  /**
   * Returns the names of the plugins enabled on every repository, in the order they install on each
   * repository: every plugin after the enabled plugins it {@linkplain RepositoryPlugin#runsAfter runs after},
   * otherwise in enablement order. Hooks of equal priority run in this order; hook priorities decide the
   * rest. A repository's extra plugins are ordered together with these by the same rule.
   *
   * @return the names
   */
  public List<String> pluginNames() {
    return Plugins.names(Plugins.order(plugins));
  }

  /**
   * Creates a table from its definition; fails if it exists.
   *
   * @param table the definition
   * @throws io.sqlitekit.spi.error.ValidationException if the definition describes a view (create it with
   *     {@link #createView(TableDef, String)})
   */
  public void createTable(TableDef table) {
    ddl(Ddl.createTable(table, false, json, strictTables));
  }

  /**
   * Creates a table from its definition unless a table of that name exists (its shape is not compared).
   *
   * @param table the definition
   * @throws io.sqlitekit.spi.error.ValidationException if the definition describes a view
   */
  public void createTableIfNotExists(TableDef table) {
    ddl(Ddl.createTable(table, true, json, strictTables));
  }

  /**
   * Creates a view from a query: {@code CREATE VIEW "name" AS select}. The view definition's columns must
   * name the query's result columns (by SQL name); a repository over the definition reads through the view
   * and refuses every write. The query is trusted DDL text, like {@link #execute}, but it must be one
   * statement: no {@code ;}, no comments and no parameters (SQLite cannot bind values into a view).
   *
   * @param view the view definition ({@link TableDef#view} or {@link TableDef#asView()})
   * @param select a {@code SELECT}, {@code WITH … SELECT} or {@code VALUES} statement
   * @throws io.sqlitekit.spi.error.ValidationException if the definition is not a view or the query is not
   *     one plain statement
   * @throws io.sqlitekit.spi.error.RepositoryException if SQLite refuses the view (an object of that name
   *     exists, the query does not compile)
   * @since 0.3.0
   */
  public void createView(TableDef view, String select) {
    ddl(ViewDdl.create(view, select));
  }

  /**
   * Creates a view that exposes the rows of a base table matching a filter, projected to the view's columns
   * (each a base column of the same property key and storage class, possibly under another SQL name). The
   * filter's values are written into the view as literals. The memory kit's
   * {@code MemoryKit.createView(TableDef, TableDef, Filter)} builds the same view, so code and tests move
   * between kits unchanged.
   *
   * @param view the view definition
   * @param base the table it selects from
   * @param where the rows it exposes ({@code Filters.all()} for every row)
   * @throws io.sqlitekit.spi.error.ValidationException if the definition is not a view, a view column is not
   *     a base column of the same storage class or the filter is invalid on the base table
   * @throws io.sqlitekit.spi.error.RepositoryException if SQLite refuses the view
   * @since 0.3.0
   */
  public void createView(TableDef view, TableDef base, Filter where) {
    Objects.requireNonNull(base, "base");
    ddl(ViewDdl.create(view, new StatementRenderer(TableModel.of(base), renderer, compiler, json), where));
  }

  /**
   * Runs a DDL script in a write transaction.
   *
   * @param script the SQL
   */
  public void execute(String script) {
    ddl(script);
  }

  private void ddl(String sql) {
    Objects.requireNonNull(sql, "sql");
    driver.write(s -> {
      s.executeScript(sql);
      return null;
    });
  }

  /**
   * Returns a repository over a public record type, mapped by component name.
   *
   * @param table the table
   * @param type the record class
   * @param <T> the record type
   * @param <ID> the primary-key type
   * @return the repository
   */
  public <T extends Record, ID> SqliteRepository<T, ID> repository(TableDef table, Class<T> type) {
    return repository(table, RowMapper.forRecord(type), List.of());
  }

  /**
   * Returns a repository over a public record type with extra plugins for this repository only.
   *
   * @param table the table
   * @param type the record class
   * @param extraPlugins plugins added after the kit's
   * @param <T> the record type
   * @param <ID> the primary-key type
   * @return the repository
   * @throws ConfigurationException if a plugin name repeats one already enabled
   */
  public <T extends Record, ID> SqliteRepository<T, ID> repository(TableDef table, Class<T> type,
      List<RepositoryPlugin> extraPlugins) {
    return repository(table, RowMapper.forRecord(type), extraPlugins);
  }

  /**
   * Returns a repository over a record type that is reachable through the given lookup (a record that is
   * not public, or not in an exported package).
   *
   * @param table the table
   * @param type the record class
   * @param lookup a lookup with access to the record
   * @param <T> the record type
   * @param <ID> the primary-key type
   * @return the repository
   */
  public <T extends Record, ID> SqliteRepository<T, ID> repository(TableDef table, Class<T> type,
      MethodHandles.Lookup lookup) {
    return repository(table, RowMapper.forRecord(Objects.requireNonNull(type, "type"),
        Objects.requireNonNull(lookup, "lookup")), List.of());
  }

  /**
   * Returns a repository using any row mapper.
   *
   * @param table the table
   * @param mapper the mapper
   * @param <T> the entity type
   * @param <ID> the primary-key type
   * @return the repository
   */
  public <T, ID> SqliteRepository<T, ID> repository(TableDef table, RowMapper<T> mapper) {
    return repository(table, mapper, List.of());
  }

  /**
   * Returns a repository using any row mapper, with extra plugins for this repository only.
   *
   * @param table the table
   * @param mapper the mapper
   * @param extraPlugins plugins added after the kit's
   * @param <T> the entity type
   * @param <ID> the primary-key type
   * @return the repository
   * @throws ConfigurationException if a plugin name repeats one already enabled, or plugin ordering
   *     constraints cannot be met
   */
  public <T, ID> SqliteRepository<T, ID> repository(TableDef table, RowMapper<T> mapper,
      List<RepositoryPlugin> extraPlugins) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(mapper, "mapper");
    Objects.requireNonNull(extraPlugins, "extraPlugins");
    ensureOpen();
    List<RepositoryPlugin> all = new ArrayList<>(plugins);
    all.addAll(extraPlugins);
    StatementRenderer render = new StatementRenderer(TableModel.of(table), renderer, compiler, json);
    SqliteRepository<T, ID>[] holder = newHolder();
    HookEngine engine = Plugins.install(all, new Plugins.Environment(table, clock, driver,
        () -> holder[0].documentView(), resources::add, statements::add));
    holder[0] = new SqliteRepository<>(this, render, mapper, engine, List.copyOf(all));
    return holder[0];
  }

  @SuppressWarnings("unchecked")
  private static <T, ID> SqliteRepository<T, ID>[] newHolder() {
    return (SqliteRepository<T, ID>[]) new SqliteRepository<?, ?>[1];
  }

  /**
   * Returns a repository over {@code Map<String, Object>} documents.
   *
   * @param table the table
   * @return the repository
   */
  public SqliteRepository<Map<String, Object>, Object> documents(TableDef table) {
    return repository(table, RowMapper.documents(), List.of());
  }

  /**
   * Returns the document repository a lookup reads a foreign table through, or null when the database has no
   * table or view of that name (not cached, so a table created later becomes known).
   */
  SqliteRepository<Map<String, Object>, Object> lookupDocuments(TableDef table) {
    SqliteRepository<Map<String, Object>, Object> known = lookupTables.get(table);
    if (known != null) {
      return known;
    }
    boolean exists = driver.read(s -> s.query(
        "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?", List.of(table.name()),
        rs -> rs.next()));
    return exists ? lookupTables.computeIfAbsent(table, this::documents) : null;
  }

  /**
   * Returns a document repository with extra plugins for this repository only.
   *
   * @param table the table
   * @param extraPlugins plugins added after the kit's
   * @return the repository
   */
  public SqliteRepository<Map<String, Object>, Object> documents(TableDef table, List<RepositoryPlugin> extraPlugins) {
    return repository(table, RowMapper.documents(), extraPlugins);
  }

  /**
   * Runs work in one write transaction spanning any repositories of this kit: committed when the work
   * returns, rolled back when it throws (the exception propagates unchanged). Nested calls use savepoints.
   * An outermost call whose transaction cannot start because another connection holds the write lock is
   * tried again as the kit's {@link #lockRetryPolicy()} allows, before the body runs. Only when the kit has
   * a {@link #retryPolicy()} (off by default) is an outermost call that failed with a transient conflict
   * re-run with its body; then the body must not have side effects outside the database.
   *
   * @param work the body
   * @param <R> the result type
   * @return the body's result
   */
  public <R> R inTransaction(Function<TxScope, R> work) {
    Objects.requireNonNull(work, "work");
    TxScope scope = new TxScope() {
      @Override
      public <T, ID> SqliteRepository<T, ID> repo(SqliteRepository<T, ID> repository) {
        if (repository.kit() != SqliteKit.this) {
          throw new IllegalArgumentException("repository belongs to another kit");
        }
        return repository;
      }
    };
    requireTransactions("transactions are");
    return driver.write(s -> work.apply(scope));
  }

  /**
   * Refuses a transaction before anything runs when the driver has no interactive transactions (Cloudflare
   * D1): its statements commit one by one, so a transaction would be emulated non-atomically.
   *
   * @param what what is refused, for the message ("transactions are")
   */
  void requireTransactions(String what) {
    if (!driver.interactiveTransactions()) {
      throw new OperationNotSupportedException(String.format(java.util.Locale.ROOT,
          "%s not supported by the %s driver: the database has no interactive transactions (each statement"
              + " commits on its own), so nothing was run; use single repository calls or a batch (sent as one"
              + " atomic request) instead", what,
          driverName()));
    }
  }

  private String driverName() {
    String u = driver.url();
    return u.startsWith("d1") ? "Cloudflare D1" : u.substring(0, Math.max(0, u.indexOf(':')));
  }

  /**
   * Runs work in one write transaction like {@link #inTransaction(Function)}, for a body that needs no
   * scope: calls of this kit's repositories on the same thread join the transaction.
   *
   * @param work the body
   * @param <R> the result type
   * @return the body's result
   */
  public <R> R inTransaction(Supplier<R> work) {
    Objects.requireNonNull(work, "work");
    requireTransactions("transactions are");
    return driver.write(s -> work.get());
  }

  /** The hand-off that lets a call's execution join the write its hooks opened (one owner per write). */
  WriteOwner writeOwner() {
    return writeOwner;
  }

  /**
   * Closes every resource plugins registered, then the driver. Idempotent.
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
        LOG.warn("plugin resource {} failed to close", r.getClass().getName(), e);
      }
    }
    driver.close();
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("kit is closed");
    }
  }

  /**
   * Configures and opens a {@link SqliteKit}. Mutable and single-use; each setter may be called once
   * ({@link #plugins} and {@link #plugin} accumulate). Not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private String url;
    private PragmaPreset preset;
    private DriverOptions driverOptions;
    private final List<Object> pluginEntries = new ArrayList<>();
    private Clock clock;
    private JsonCodec json;
    private Integer maxPageLimit;
    private FilterCompiler compiler;
    private String compilerName;
    private RetryPolicy retryPolicy;
    private StatementListener statementListener;
    private Boolean allowRawSubqueries;
    private Boolean strictTables;
    private String driverName;
    private RetryPolicy lockRetry;
    private boolean built;

    private Builder() {
    }

    private void once(Object current, String what) {
      if (built) {
        throw new IllegalStateException("builder already used");
      }
      if (current != null) {
        throw new IllegalStateException(what + " is already set");
      }
    }

    /**
     * Sets the JDBC URL.
     *
     * @param jdbcUrl for example {@code jdbc:sqlite:app.db}
     * @return this
     */
    public Builder url(String jdbcUrl) {
      once(url, "url");
      this.url = Objects.requireNonNull(jdbcUrl, "url");
      return this;
    }

    /**
     * Sets the pragma preset (default {@link PragmaPreset#PRODUCTION}); exclusive with {@link #driverOptions}.
     *
     * @param p the preset
     * @return this
     */
    public Builder preset(PragmaPreset p) {
      once(preset, "preset");
      this.preset = Objects.requireNonNull(p, "preset");
      return this;
    }

    /**
     * Sets the full driver options; exclusive with {@link #preset}.
     *
     * @param options the options
     * @return this
     */
    public Builder driverOptions(DriverOptions options) {
      once(driverOptions, "driverOptions");
      this.driverOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Enables discovered plugins by name, with default options. May be called several times.
     *
     * @param names plugin names such as {@code "timestamp"}
     * @return this
     */
    public Builder plugins(String... names) {
      once(null, "plugins");
      for (String n : Objects.requireNonNull(names, "names")) {
        pluginEntries.add(Objects.requireNonNull(n, "plugin name"));
      }
      return this;
    }

    /**
     * Enables a discovered plugin by name with text options, for example
     * {@code plugin("ttl", Map.of("field", "expiresAt"))}. May be called several times. The provider parses the
     * options ({@link io.sqlitekit.spi.plugin.PluginOptions}); an unknown key or a bad value makes
     * {@link #build()} fail with a {@link ConfigurationException} naming it.
     *
     * @param name the plugin's name
     * @param options option name to value
     * @return this
     * @since 0.2.0
     */
    public Builder plugin(String name, Map<String, String> options) {
      once(null, "plugin");
      pluginEntries.add(new Plugins.Named(name, options));
      return this;
    }

    /**
     * Enables a plugin instance. May be called several times.
     *
     * @param plugin the plugin
     * @return this
     */
    public Builder plugin(RepositoryPlugin plugin) {
      once(null, "plugin");
      pluginEntries.add(Objects.requireNonNull(plugin, "plugin"));
      return this;
    }

    /**
     * Sets the clock (default UTC system clock).
     *
     * @param c the clock
     * @return this
     */
    public Builder clock(Clock c) {
      once(clock, "clock");
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /**
     * Sets the JSON codec (default: the first one {@link ServiceLoader} finds, else a built-in one).
     *
     * @param codec the codec
     * @return this
     */
    public Builder jsonCodec(JsonCodec codec) {
      once(json, "jsonCodec");
      this.json = Objects.requireNonNull(codec, "codec");
      return this;
    }

    /**
     * Sets the largest page size {@code getAll} accepts (default 1000).
     *
     * @param limit at least 1
     * @return this
     * @throws IllegalArgumentException if the limit is below 1
     */
    public Builder maxPageLimit(int limit) {
      once(maxPageLimit, "maxPageLimit");
      if (limit < 1) {
        throw new IllegalArgumentException("maxPageLimit must be >= 1, was " + limit);
      }
      this.maxPageLimit = limit;
      return this;
    }

    /**
     * Replaces the filter compiler (default: the built-in renderer).
     *
     * @param filterCompiler the compiler
     * @return this
     */
    public Builder filterCompiler(FilterCompiler filterCompiler) {
      once(compiler != null ? compiler : compilerName, "filterCompiler");
      this.compiler = Objects.requireNonNull(filterCompiler, "filterCompiler");
      return this;
    }

    /**
     * Selects a filter compiler found by {@link ServiceLoader} by its {@link FilterCompiler#name() name}; it
     * renders every WHERE clause and every aggregate's HAVING, as an instance given to
     * {@link #filterCompiler(FilterCompiler)} would.
     *
     * @param name the compiler's name
     * @return this
     * @throws IllegalStateException if a compiler is already set
     * @since 0.2.0
     */
    public Builder filterCompiler(String name) {
      once(compiler != null ? compiler : compilerName, "filterCompiler");
      this.compilerName = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Names the driver to open the URL with, for when more than one discovered driver accepts it (without
     * a name that is a {@code ConfigurationException} naming every candidate, never a choice by class-path
     * order).
     *
     * @param name a driver provider's name, for example {@code "xerial"}
     * @return this
     */
    public Builder driver(String name) {
      once(driverName, "driver");
      this.driverName = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Lets raw filters ({@code Filters.raw}) contain subqueries (default: refused with a
     * {@code ValidationException}). A subquery reads its table directly, outside the scope that policy
     * plugins add to the outer query: with multi-tenant or soft-delete enabled it can see other tenants'
     * and deleted rows. Every other raw-filter check (balanced parentheses, no statement separators, no
     * comments, positional placeholders only) stays on.
     *
     * @param allow whether raw filters may contain {@code SELECT}
     * @return this
     */
    public Builder allowRawSubqueries(boolean allow) {
      once(allowRawSubqueries, "allowRawSubqueries");
      this.allowRawSubqueries = allow;
      return this;
    }

    /**
     * Makes the tables that {@link SqliteKit#createTable} and {@link SqliteKit#createTableIfNotExists} create
     * {@code STRICT} (default: not). SQLite then refuses a value of another storage class in any column, whoever
     * writes it (raw SQL included), and repositories over such a table read its numeric columns with typed
     * getters instead of a type probe per value (about 10 % less CPU for a read of 1,000 rows). A database with a
     * STRICT table cannot be opened by SQLite before 3.37 (2021); tables created otherwise (raw DDL, migrations)
     * are not affected, they may declare {@code STRICT} themselves.
     *
     * @param strict whether created tables are STRICT
     * @return this
     * @since 0.3.0
     */
    public Builder strictTables(boolean strict) {
      once(strictTables, "strictTables");
      this.strictTables = strict;
      return this;
    }

    /**
     * Sets the retry policy applied after transient conflicts to every whole write transaction (a single
     * write call, or an outermost {@code inTransaction}/{@code withTransaction}/batch) wherever in it the
     * conflict happened; default {@link RetryPolicy#none()}. Transaction bodies may then run more than once.
     * The {@link #lockRetry} runs inside each attempt.
     *
     * @param policy the policy
     * @return this
     */
    public Builder retryPolicy(RetryPolicy policy) {
      once(retryPolicy, "retryPolicy");
      this.retryPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Sets the listener that sees every statement the driver runs, after it finishes, with its SQL text and
     * timing (never its values); it replaces one given in {@link #driverOptions}. See
     * {@link StatementListener} for what it may do.
     *
     * @param listener the listener
     * @return this
     */
    public Builder statementListener(StatementListener listener) {
      once(statementListener, "statementListener");
      this.statementListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Sets how long and how often a write is tried again when its transaction cannot start because another
     * connection (usually another process) holds the database's write lock beyond {@code busy_timeout};
     * default {@link RetryPolicy#lockDefaults()} (new attempts for up to 30 s, jittered exponential backoff),
     * {@link RetryPolicy#none()} to fail after the first {@code busy_timeout}. Always safe: the failed
     * attempts never ran the work, nothing of it was applied, and a transaction body runs once. When the
     * attempts are used up the call throws a {@link io.sqlitekit.spi.error.TransientConflictException}. Only
     * SQLite's busy/locked answer to the transaction's start is retried; waiting for the in-process writer
     * queue stays bounded by {@link DriverOptions#writeLockTimeout()}.
     *
     * @param policy the policy
     * @return this
     */
    public Builder lockRetry(RetryPolicy policy) {
      once(lockRetry, "lockRetry");
      this.lockRetry = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Resolves plugins, finds a driver and opens the database.
     *
     * @return the kit
     * @throws ConfigurationException if the URL is missing, both preset and driver options are set, a
     *     plugin name is unknown or repeated, discovered providers are ambiguous (two plugins with one name, a
     *     bundled name claimed by another provider, several drivers accepting the URL without {@link #driver},
     *     two filter compilers with one name), the named filter compiler is not found, or no driver accepts
     *     the URL
     */
    public SqliteKit build() {
      if (built) {
        throw new IllegalStateException("builder already used");
      }
      built = true;
      if (url == null) {
        throw new ConfigurationException("url is required");
      }
      if (preset != null && driverOptions != null) {
        throw new ConfigurationException("give preset or driverOptions, not both");
      }
      List<RepositoryPlugin> resolved = resolvePlugins();
      if (compilerName != null) {
        compiler = Discovery.filterCompiler(discovered(FilterCompiler.class, "filter compiler", FilterCompiler::name),
            compilerName);
      }
      Plugins.order(resolved);
      DriverOptions options = driverOptions != null ? driverOptions
          : DriverOptions.defaults().withPreset(preset != null ? preset : PragmaPreset.PRODUCTION);
      // Always one dispatch: plugins of repositories created later may register listeners (tracing's SQL text).
      StatementDispatch dispatch = new StatementDispatch(statementListener != null ? statementListener
          : options.statementListener());
      SqliteDriver driver = openDriver(url, options.withStatementListener(dispatch));
      return new SqliteKit(this, driver, resolved, dispatch);
    }

    private List<RepositoryPlugin> resolvePlugins() {
      return Plugins.resolve(pluginEntries, () -> discovered(PluginProvider.class, "plugin", PluginProvider::name));
    }

    private SqliteDriver openDriver(String url, DriverOptions options) {
      List<DriverProvider> found = discovered(DriverProvider.class, "driver", DriverProvider::name);
      return Discovery.driverFor(url, found, driverName).open(url, options);
    }

  }
}
