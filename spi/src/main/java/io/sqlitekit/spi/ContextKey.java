package io.sqlitekit.spi;

import java.util.Objects;

/**
 * A typed key of a {@link CallContext}. Keys compare by identity: declare each once as a constant.
 *
 * @param <V> the value type
 * @since 0.1.0
 */
public final class ContextKey<V> {
  private final String name;
  private final Class<V> type;

  private ContextKey(String name, Class<V> type) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = Objects.requireNonNull(type, "type");
  }

  /**
   * Declares a key.
   *
   * @param name a descriptive name, for diagnostics only
   * @param type the value type, checked on {@link CallContext#with}
   * @param <V> the value type
   * @return the key
   */
  public static <V> ContextKey<V> of(String name, Class<V> type) {
    return new ContextKey<>(name, type);
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

  @Override
  public String toString() {
    return "ContextKey[" + name + "]";
  }
}
