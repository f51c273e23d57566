package io.sqlitekit.spi;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Who is calling and with which per-call flags: the actor, and whatever keys the plugins in use declare
 * (a tenant, "include soft-deleted rows", "bypass the cache"…). Immutable and thread-safe.
 *
 * <p>The SPI declares only the generic caller identity, {@link #ACTOR_ID}. Every other key belongs to the
 * module that gives it meaning and is declared there (for example the multi-tenant plugin's tenant key, the
 * soft-delete plugin's flags), so a new plugin brings its keys without an SPI change. A context holds at
 * most one key per {@linkplain ContextKey#name() name}; that lets a plugin read another plugin's key by name
 * ({@link #getByName}) without depending on it, and lets a read cache find the keys that scope reads
 * ({@link #keys()}, {@link ContextKey#scopesReads()}).
 *
 * <p>A repository sees the union of two sources: the context bound to the repository view
 * ({@code repo.withContext(ctx)}) wins over the context bound to the current thread with
 * {@link #call(CallContext, Supplier)} / {@link #run(CallContext, Runnable)}. The thread binding is
 * restored when the call returns, and it is not inherited by other threads.
 *
 * <pre>{@code
 * StandardRepo<User, String> asAdmin = users.withContext(CallContext.of(CallContext.ACTOR_ID, "admin"));
 * CallContext.run(CallContext.of(Tenants.TENANT_ID, "A"), () -> asAdmin.update(id, change));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class CallContext {
  /**
   * The actor performing the call: generic caller identity, recorded by the audit plugin and available to
   * any plugin.
   */
  public static final ContextKey<Object> ACTOR_ID = ContextKey.of("actorId", Object.class);

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
   * @throws IllegalArgumentException if a different key with the same name is set
   */
  public <V> CallContext with(ContextKey<V> key, V value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    key.type().cast(value);
    requireNoNameClash(values, key);
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
   * @throws IllegalArgumentException if the contexts set different keys with the same name
   */
  public CallContext merge(CallContext other) {
    if (other.values.isEmpty()) {
      return this;
    }
    if (values.isEmpty()) {
      return other;
    }
    for (ContextKey<?> k : other.values.keySet()) {
      requireNoNameClash(values, k);
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
   * Returns the value of the key with the given name, whichever constant declared it. This serves a plugin
   * that reads a key another module owns without depending on that module (the audit plugin records the
   * value of the key named {@code "tenantId"}); code that can see the key's constant uses {@link #get}.
   *
   * @param name the key's name
   * @return the value, or empty if no key of that name is set
   * @since 0.2.0
   */
  public Optional<Object> getByName(String name) {
    Objects.requireNonNull(name, "name");
    for (Map.Entry<ContextKey<?>, Object> e : values.entrySet()) {
      if (e.getKey().name().equals(name)) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the keys that are set, for code that treats keys by kind rather than by name: a read cache makes
   * the values of every key that {@linkplain ContextKey#scopesReads() scopes reads} part of its cache key.
   *
   * @return the keys, unmodifiable, in no particular order
   * @since 0.2.0
   */
  public Set<ContextKey<?>> keys() {
    return Collections.unmodifiableSet(values.keySet());
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

  private static void requireNoNameClash(Map<ContextKey<?>, Object> values, ContextKey<?> key) {
    for (ContextKey<?> k : values.keySet()) {
      if (k != key && k.name().equals(key.name())) {
        throw new IllegalArgumentException("context key \"" + key.name() + "\" clashes with a different key "
            + "of the same name that is already set; a context holds one key per name, so declare each key once "
            + "and share the constant");
      }
    }
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("CallContext{");
    values.keySet().forEach(k -> sb.append(k.name()).append(' '));
    return sb.append('}').toString();
  }
}
