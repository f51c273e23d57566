package io.sqlitekit.memory;

import io.sqlitekit.memory.internal.Defaults;
import io.sqlitekit.memory.internal.Store;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.json.JsonCodec;
import io.sqlitekit.spi.table.RowMapper;
import io.sqlitekit.spi.table.TableDef;
import java.lang.invoke.MethodHandles;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * An in-memory repository kit: the test double for the SQLite kit. Repositories obtained from one kit on the
 * same table name share that table's rows; different kits share nothing.
 *
 * <pre>{@code
 * MemoryKit kit = MemoryKit.create();
 * MemoryRepository<User, Long> users = kit.repository(USERS, User.class);
 * }</pre>
 *
 * <p><b>Concurrency:</b> one fair {@link java.util.concurrent.locks.ReentrantReadWriteLock} guards all tables
 * of a kit. Reads share the read lock; each write call and each transaction ({@link #inTransaction},
 * {@link MemoryRepository#withTransaction}) holds the write lock for its whole duration, so transactions are
 * serializable and other threads wait for them, like SQLite's single writer.
 *
 * <p><b>Differences from the SQLite kit:</b> raw SQL filters are refused with
 * {@link io.sqlitekit.spi.error.OperationNotSupportedException} (capabilities report {@code rawFilter=false});
 * no plugins or hooks run ({@code withContext} is accepted and the context carried, but nothing reads it);
 * {@code defaultSql} supports only literals and {@code CURRENT_TIMESTAMP}/{@code CURRENT_DATE}/{@code
 * CURRENT_TIME}; unique indexes beyond the table definition's UNIQUE columns are unknown; there is no built-in
 * JSON codec (give one to the builder or provide one by {@link ServiceLoader}).
 *
 * <p>Thread-safe and immutable once built.
 *
 * @since 0.1.0
 */
public final class MemoryKit {
  /** The default largest page size accepted by {@code getAll}. */
  public static final int DEFAULT_MAX_PAGE_LIMIT = 1000;

  private final Clock clock;
  private final JsonCodec json;
  private final int maxPageLimit;
  private final Store store = new Store();

  private MemoryKit(Builder b) {
    this.clock = b.clock != null ? b.clock : Clock.systemUTC();
    this.json = b.json != null ? b.json : discoverJson();
    this.maxPageLimit = b.maxPageLimit != null ? b.maxPageLimit : DEFAULT_MAX_PAGE_LIMIT;
  }

  private static JsonCodec discoverJson() {
    for (JsonCodec c : ServiceLoader.load(JsonCodec.class, MemoryKit.class.getClassLoader())) {
      return c;
    }
    return null;
  }

  /**
   * Creates a kit with the system UTC clock, the JSON codec found by {@link ServiceLoader} (if any) and the
   * default maximum page size.
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
   * Returns the clock used for {@code CURRENT_TIMESTAMP}-style defaults.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Returns the JSON codec for JSON-mode columns.
   *
   * @return the codec given to the builder, else the first found by {@link ServiceLoader}; empty when there
   *     is none (JSON columns then fail with a validation error)
   */
  public Optional<JsonCodec> jsonCodec() {
    return Optional.ofNullable(json);
  }

  JsonCodec json() {
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

  Store store() {
    return store;
  }

  private Store.Table register(TableDef table) {
    Objects.requireNonNull(table, "table");
    Defaults.check(table);
    return store.table(table);
  }

  /**
   * Returns a repository for a public record type.
   *
   * @param table the table
   * @param type the record class
   * @param <R> the record type
   * @param <ID> the primary-key type
   * @return the repository
   * @throws io.sqlitekit.spi.error.ConfigurationException if the table name is registered with another
   *     definition or a SQL default cannot be evaluated in memory
   */
  public <R extends Record, ID> MemoryRepository<R, ID> repository(TableDef table, Class<R> type) {
    return repository(table, RowMapper.forRecord(Objects.requireNonNull(type, "type")));
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
        Objects.requireNonNull(lookup, "lookup")));
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
    Objects.requireNonNull(mapper, "mapper");
    return new MemoryRepository<>(this, register(table), mapper, CallContext.empty());
  }

  /**
   * Returns a repository of {@code Map<String, Object>} documents.
   *
   * @param table the table
   * @return the repository
   */
  public MemoryRepository<Map<String, Object>, Object> documents(TableDef table) {
    return repository(table, RowMapper.documents());
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
   * Builds a {@link MemoryKit}. Mutable, single-use, not thread-safe; each setter may be called once.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private Clock clock;
    private JsonCodec json;
    private Integer maxPageLimit;

    private Builder() {
    }

    /**
     * Sets the clock for time-based defaults.
     *
     * @param c the clock
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder clock(Clock c) {
      if (clock != null) {
        throw new IllegalStateException("clock was already set");
      }
      clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /**
     * Sets the JSON codec for JSON-mode columns.
     *
     * @param codec the codec
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder jsonCodec(JsonCodec codec) {
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
     * Builds the kit.
     *
     * @return the kit
     */
    public MemoryKit build() {
      return new MemoryKit(this);
    }
  }
}
