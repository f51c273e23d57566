package io.sqlitekit.spi;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Who is calling and with which per-call flags: tenant, actor, and switches such as "include soft-deleted
 * rows". Immutable and thread-safe.
 *
 * <p>A repository sees the union of two sources: the context bound to the repository view
 * ({@code repo.withContext(ctx)}) wins over the context bound to the current thread with
 * {@link #call(CallContext, Supplier)} / {@link #run(CallContext, Runnable)}. The thread binding is
 * restored when the call returns, and it is not inherited by other threads.
 *
 * <pre>{@code
 * StandardRepo<User, String> tenantA = users.withContext(CallContext.of(CallContext.TENANT_ID, "A"));
 * CallContext.run(CallContext.of(CallContext.ACTOR_ID, "u42"), () -> tenantA.update(id, change));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class CallContext {
  /** The tenant the call acts for (multi-tenant plugin). */
  public static final ContextKey<Object> TENANT_ID = ContextKey.of("tenantId", Object.class);
  /** The actor performing the call (audit plugin). */
  public static final ContextKey<Object> ACTOR_ID = ContextKey.of("actorId", Object.class);
  /** Reads and writes also see soft-deleted rows (soft-delete plugin). */
  public static final ContextKey<Boolean> INCLUDE_DELETED = ContextKey.of("includeDeleted", Boolean.class);
  /** Deletes remove rows physically even when soft delete is enabled. */
  public static final ContextKey<Boolean> HARD_DELETE = ContextKey.of("hardDelete", Boolean.class);
  /** Reads also see expired rows (TTL plugin). */
  public static final ContextKey<Boolean> INCLUDE_EXPIRED = ContextKey.of("includeExpired", Boolean.class);
  /** Reads bypass the cache (cache plugin). */
  public static final ContextKey<Boolean> BYPASS_CACHE = ContextKey.of("bypassCache", Boolean.class);
  /** Policy plugins (tenant scope) step aside, for example for a super-admin (checked by their skip rule). */
  public static final ContextKey<Boolean> BYPASS_TENANT = ContextKey.of("bypassTenant", Boolean.class);

  private static final CallContext EMPTY = new CallContext(Map.of());
  private static final ThreadLocal<CallContext> CURRENT = new ThreadLocal<>();

  private final Map<ContextKey<?>, Object> values;

  private CallContext(Map<ContextKey<?>, Object> values) {
    this.values = values;
  }

  /**
   * Returns the empty context.
   *
   * @return the context without values
   */
  public static CallContext empty() {
    return EMPTY;
  }

  /**
   * Returns a context with one value.
   *
   * @param key the key
   * @param value the value
   * @param <V> the value type
   * @return the context
   */
  public static <V> CallContext of(ContextKey<V> key, V value) {
    return EMPTY.with(key, value);
  }

  /**
   * Returns a copy with a value set (replacing an earlier one).
   *
   * @param key the key
   * @param value the value
   * @param <V> the value type
   * @return the new context
   * @throws NullPointerException if {@code key} or {@code value} is null
   * @throws ClassCastException if the value is not of the key's type
   */
  public <V> CallContext with(ContextKey<V> key, V value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    key.type().cast(value);
    Map<ContextKey<?>, Object> m = new IdentityHashMap<>(values);
    m.put(key, value);
    return new CallContext(Collections.unmodifiableMap(m));
  }

  /**
   * Returns a copy without a key.
   *
   * @param key the key
   * @return the new context
   */
  public CallContext without(ContextKey<?> key) {
    if (!values.containsKey(key)) {
      return this;
    }
    Map<ContextKey<?>, Object> m = new IdentityHashMap<>(values);
    m.remove(key);
    return m.isEmpty() ? EMPTY : new CallContext(Collections.unmodifiableMap(m));
  }

  /**
   * Returns a context holding this context's values overridden by {@code other}'s.
   *
   * @param other the context that wins on conflicts
   * @return the merged context
   */
  public CallContext merge(CallContext other) {
    if (other.values.isEmpty()) {
      return this;
    }
    if (values.isEmpty()) {
      return other;
    }
    Map<ContextKey<?>, Object> m = new IdentityHashMap<>(values);
    m.putAll(other.values);
    return new CallContext(Collections.unmodifiableMap(m));
  }

  /**
   * Returns a value.
   *
   * @param key the key
   * @param <V> the value type
   * @return the value, or empty
   */
  public <V> Optional<V> get(ContextKey<V> key) {
    return Optional.ofNullable(key.type().cast(values.get(key)));
  }

  /**
   * Returns whether a boolean flag is set to true.
   *
   * @param key the flag
   * @return true if present and true
   */
  public boolean isSet(ContextKey<Boolean> key) {
    return Boolean.TRUE.equals(values.get(key));
  }

  /**
   * Returns whether no value is set.
   *
   * @return true for the empty context
   */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  /**
   * Returns the context bound to the current thread.
   *
   * @return the bound context, or the empty context
   */
  public static CallContext current() {
    CallContext c = CURRENT.get();
    return c == null ? EMPTY : c;
  }

  /**
   * Runs work with a context bound to the current thread (merged over any context already bound), and
   * restores the previous binding afterwards, also on failure.
   *
   * @param context the context
   * @param work the work
   * @param <R> the result type
   * @return the work's result
   */
  public static <R> R call(CallContext context, Supplier<R> work) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(work, "work");
    CallContext previous = CURRENT.get();
    CURRENT.set(previous == null ? context : previous.merge(context));
    try {
      return work.get();
    } finally {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }

  /**
   * Runs work with a context bound to the current thread; see {@link #call(CallContext, Supplier)}.
   *
   * @param context the context
   * @param work the work
   */
  public static void run(CallContext context, Runnable work) {
    Objects.requireNonNull(work, "work");
    call(context, () -> {
      work.run();
      return null;
    });
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("CallContext{");
    values.keySet().forEach(k -> sb.append(k.name()).append(' '));
    return sb.append('}').toString();
  }
}
