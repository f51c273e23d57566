package io.sqlitekit.spi.plugin;

/**
 * Every repository operation that emits hook events.
 *
 * @since 0.1.0
 */
public enum Operation {
  /** {@code create}. */
  CREATE(Kind.INSERT),
  /** {@code createMany}. */
  CREATE_MANY(Kind.INSERT),
  /** {@code upsert}. */
  UPSERT(Kind.INSERT),
  /** {@code getOrCreate} (scoped lookup, then possibly an insert). */
  GET_OR_CREATE(Kind.INSERT),
  /** {@code getById}. */
  GET_BY_ID(Kind.READ),
  /** {@code getByIds}. */
  GET_BY_IDS(Kind.READ),
  /** {@code getOne}. */
  GET_ONE(Kind.READ),
  /** {@code findAll}. */
  FIND_ALL(Kind.READ),
  /** {@code getAll}, offset or keyset. */
  GET_ALL(Kind.READ),
  /** {@code stream}. */
  STREAM(Kind.READ),
  /** {@code count}. */
  COUNT(Kind.READ),
  /** {@code exists}. */
  EXISTS(Kind.READ),
  /** {@code distinct}. */
  DISTINCT(Kind.READ),
  /** {@code aggregate}. */
  AGGREGATE(Kind.READ),
  /**
   * A ranked read that an extension renders itself (full-text search, nearest-neighbour search) through
   * {@link io.sqlitekit.spi.ScopedReads}; policy plugins scope it like {@code findAll}. Its request is the
   * extension's own request object.
   */
  SEARCH(Kind.READ),
  /** {@code update} by id. */
  UPDATE(Kind.UPDATE),
  /** {@code updateMany}. */
  UPDATE_MANY(Kind.UPDATE),
  /** {@code findOneAndUpdate} (scoped lookup and update, possibly an upsert insert). */
  FIND_ONE_AND_UPDATE(Kind.UPDATE),
  /** {@code increment}. */
  INCREMENT(Kind.UPDATE),
  /** {@code delete} by id. */
  DELETE(Kind.DELETE),
  /** {@code deleteMany}. */
  DELETE_MANY(Kind.DELETE),
  /** {@code batch}: the context carries the statement list. */
  BATCH(Kind.BATCH);

  /**
   * The broad class of an operation.
   *
   * @since 0.1.0
   */
  public enum Kind {
    /** Reads rows; never writes. */
    READ,
    /** Inserts rows (some also read first). */
    INSERT,
    /** Updates existing rows matched by a scope. */
    UPDATE,
    /** Deletes rows matched by a scope. */
    DELETE,
    /** A list of statements of several kinds. */
    BATCH
  }

  private final Kind kind;

  Operation(Kind kind) {
    this.kind = kind;
  }

  /**
   * Returns the operation's kind.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Returns whether the operation may write.
   *
   * @return true for every kind but READ
   */
  public boolean isWrite() {
    return kind != Kind.READ;
  }

  /**
   * Returns whether the operation may insert new rows: create, createMany, upsert, getOrCreate,
   * findOneAndUpdate (upsert) and batch.
   *
   * @return true if rows may be inserted
   */
  public boolean mayInsert() {
    return kind == Kind.INSERT || this == FIND_ONE_AND_UPDATE || this == BATCH;
  }

  /**
   * Returns whether the operation reads or writes through a filter scope, so that policy plugins must
   * narrow {@link HookContext#filter()}: every operation except create, createMany and batch (whose
   * statements carry their own scopes).
   *
   * @return true if the operation has a scope filter
   */
  public boolean isScoped() {
    return this != CREATE && this != CREATE_MANY && this != BATCH;
  }
}
