package io.sqlitekit.spi;

import java.util.Objects;

/**
 * A typed key of a {@link CallContext}. Keys compare by identity: declare each once as a constant, in the
 * module that owns its meaning (the multi-tenant plugin declares the tenant key, the soft-delete plugin its
 * flags, and so on). The {@link #name() name} is part of the key's contract as well: a context holds at most
 * one key per name, so a plugin that must read another plugin's key without depending on that plugin reads
 * it by name ({@link CallContext#getByName}).
 *
 * <p>A key whose value can change which rows a read returns (a tenant, an "include soft-deleted rows" flag)
 * is declared with {@link #scopingReads}: components that remember read results, such as a read cache, keep
 * results of calls with different values of such keys apart without knowing the keys.
 *
 * @param <V> the value type
 * @since 0.1.0
 */
public final class ContextKey<V> {
  private final String name;
  private final Class<V> type;
  private final boolean scopesReads;

  private ContextKey(String name, Class<V> type, boolean scopesReads) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = Objects.requireNonNull(type, "type");
    this.scopesReads = scopesReads;
  }

  /**
   * Declares a key that does not change what reads return (a caller's identity for the record, a
   * per-call switch of a write or of a cache).
   *
   * @param name the key's name, unique among the keys of one context
   * @param type the value type, checked on {@link CallContext#with}
   * @param <V> the value type
   * @return the key
   */
  public static <V> ContextKey<V> of(String name, Class<V> type) {
    return new ContextKey<>(name, type, false);
  }

  /**
   * Declares a key whose value can change which rows or values a read returns, for example because a
   * plugin narrows reads by it. Read caches make the values of all such keys of a call part of the cached
   * question (see {@link #scopesReads()}).
   *
   * @param name the key's name, unique among the keys of one context
   * @param type the value type, checked on {@link CallContext#with}
   * @param <V> the value type
   * @return the key
   * @since 0.2.0
   */
  public static <V> ContextKey<V> scopingReads(String name, Class<V> type) {
    return new ContextKey<>(name, type, true);
  }

  /**
   * Returns the key's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the value type.
   *
   * @return the class
   */
  public Class<V> type() {
    return type;
  }

  /**
   * Returns whether the key's value can change what a read returns: two reads that differ only in the
   * values of such keys may see different rows, so a read result remembered for one must not answer the
   * other. Declared with {@link #scopingReads}.
   *
   * @return true for a key declared with {@link #scopingReads}
   * @since 0.2.0
   */
  public boolean scopesReads() {
    return scopesReads;
  }

  @Override
  public String toString() {
    return "ContextKey[" + name + (scopesReads ? ", scopes reads]" : "]");
  }
}
