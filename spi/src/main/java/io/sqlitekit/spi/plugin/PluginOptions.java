package io.sqlitekit.spi.plugin;

import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.Messages;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The one parser of a plugin's text options ({@link PluginProvider#create}), so every plugin configured by name
 * ({@code SqliteKit.builder().plugin("ttl", Map.of("field", "expiresAt"))}) reads values the same way and fails
 * the same way: an unknown key is a {@link ConfigurationException} naming it and the keys the plugin knows; a
 * value that does not parse, or that the plugin's options refuse ({@link IllegalArgumentException}), is one
 * naming the key and the reason.
 *
 * <p>Values are trimmed. Booleans are {@code true}/{@code false}; numbers are decimal; durations are ISO-8601
 * ({@code PT30S}) or whole milliseconds; lists are comma-separated; operation sets are comma-separated
 * operation names ({@code update}, {@code create_many}) or the shared sets {@code reads}, {@code writes},
 * {@code scoped} ({@link Operation#reads()}, {@link Operation#writes()}, {@link Operation#scoped()}) and
 * {@code all}. Each setter below returns the target unchanged when the key is absent.
 *
 * <p>A family of keys is declared with a placeholder suffix: the known key {@code entity.<table>} accepts
 * {@code entity.users}, {@code entity.orders}, … (any non-empty rest), and {@link #prefixed} applies each of them.
 *
 * <pre>{@code
 * PluginOptions p = PluginOptions.parse("ttl", options, "field", "interval");
 * TtlOptions o = p.text(TtlOptions.defaults(), "field", TtlOptions::withField);
 * o = p.duration(o, "interval", TtlOptions::withInterval);
 * }</pre>
 *
 * @since 0.2.0
 */
public final class PluginOptions {
  private final String plugin;
  private final Map<String, String> values;

  private PluginOptions(String plugin, Map<String, String> values) {
    this.plugin = plugin;
    this.values = values;
  }

  /**
   * Checks the keys of a plugin's options.
   *
   * @param plugin the plugin's name, for messages
   * @param options the options as given (null values count as empty)
   * @param known every key the plugin accepts; a key ending in a {@code <placeholder>} (such as
   *     {@code entity.<table>}) accepts every key with that prefix and a non-empty rest
   * @return the parser
   * @throws ConfigurationException naming the first unknown key and the known ones
   */
  public static PluginOptions parse(String plugin, Map<String, String> options, String... known) {
    Objects.requireNonNull(plugin, "plugin");
    Objects.requireNonNull(options, "options");
    List<String> keys = Arrays.asList(known);
    Map<String, String> values = new LinkedHashMap<>();
    options.forEach((k, v) -> {
      if (k == null || !isKnown(keys, k)) {
        throw new ConfigurationException(String.format(Locale.ROOT, "%s plugin: unknown option %s (expected %s)",
            plugin, Messages.quote(String.valueOf(k)), keys.isEmpty() ? "no options" : String.join(", ", keys)));
      }
      values.put(k, v == null ? "" : v.trim());
    });
    return new PluginOptions(plugin, Collections.unmodifiableMap(values));
  }

  private static boolean isKnown(List<String> keys, String key) {
    for (String known : keys) {
      int placeholder = known.indexOf('<');
      if (placeholder < 0 ? known.equals(key)
          : key.length() > placeholder && key.startsWith(known.substring(0, placeholder))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Applies every key of a family ({@code entity.users}, {@code entity.orders} for the prefix {@code entity.}),
   * in the order given; a value the setter refuses ({@link IllegalArgumentException}) is an error naming the
   * full key.
   *
   * @param target the options so far
   * @param prefix the family's prefix, for example {@code "entity."}
   * @param with the setter, given the rest of the key (the table name) and the value
   * @param <T> the options type
   * @return the new options
   */
  public <T> T prefixed(T target, String prefix, PrefixedSetter<T> with) {
    Objects.requireNonNull(prefix, "prefix");
    T out = target;
    for (Map.Entry<String, String> e : values.entrySet()) {
      String key = e.getKey();
      if (key.length() > prefix.length() && key.startsWith(prefix)) {
        try {
          out = with.apply(out, key.substring(prefix.length()), e.getValue());
        } catch (IllegalArgumentException ex) {
          throw invalid(key, String.valueOf(ex.getMessage()), ex);
        }
      }
    }
    return out;
  }

  /**
   * Applies one key of a family ({@link #prefixed}).
   *
   * @param <T> the options type
   */
  @FunctionalInterface
  public interface PrefixedSetter<T> {
    /**
     * Returns the options with one key of the family applied.
     *
     * @param target the options so far
     * @param rest the key without the prefix (for {@code entity.users}, {@code users})
     * @param value the value, trimmed
     * @return the new options
     * @throws IllegalArgumentException if the value is refused
     */
    T apply(T target, String rest, String value);
  }

  /**
   * Returns a value as given (trimmed).
   *
   * @param key the key
   * @return the value, or empty when absent
   */
  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /**
   * Returns the value of a key the plugin cannot do without.
   *
   * @param key the key
   * @return the value (trimmed, not empty)
   * @throws ConfigurationException naming the key when it is absent or empty
   */
  public String require(String key) {
    String v = values.get(key);
    if (v == null || v.isEmpty()) {
      throw new ConfigurationException(String.format(Locale.ROOT, "%s plugin: option %s is required", plugin,
          Messages.quote(key)));
    }
    return v;
  }

  /**
   * Builds the error for a key whose value the plugin refuses.
   *
   * @param key the key
   * @param why what is wrong, for example {@code "must be positive"}
   * @param cause the underlying failure, or null
   * @return the exception to throw
   */
  public ConfigurationException invalid(String key, String why, Throwable cause) {
    return new ConfigurationException(String.format(Locale.ROOT, "%s plugin: invalid value %s for option %s: %s",
        plugin, Messages.quote(values.getOrDefault(key, "")), Messages.quote(key), why), cause);
  }

  /**
   * Applies a text value.
   *
   * @param target the options so far
   * @param key the key
   * @param with the setter
   * @param <T> the options type
   * @return the new options
   */
  public <T> T text(T target, String key, BiFunction<T, String, T> with) {
    return apply(target, key, with, v -> v, "text");
  }

  /**
   * Applies a boolean value ({@code true} or {@code false}, any case).
   *
   * @param target the options so far
   * @param key the key
   * @param with the setter
   * @param <T> the options type
   * @return the new options
   */
  public <T> T bool(T target, String key, BiFunction<T, Boolean, T> with) {
    return apply(target, key, with, v -> {
      if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
        return Boolean.parseBoolean(v.toLowerCase(Locale.ROOT));
      }
      throw new IllegalArgumentException("must be true or false");
    }, "boolean");
  }

  /**
   * Applies a whole number.
   *
   * @param target the options so far
   * @param key the key
   * @param with the setter
   * @param <T> the options type
   * @return the new options
   */
  public <T> T number(T target, String key, BiFunction<T, Long, T> with) {
    return apply(target, key, with, Long::parseLong, "whole number");
  }

  /**
   * Applies a whole number that fits an {@code int}.
   *
   * @param target the options so far
   * @param key the key
   * @param with the setter
   * @param <T> the options type
   * @return the new options
   */
  public <T> T integer(T target, String key, BiFunction<T, Integer, T> with) {
    return apply(target, key, with, Integer::parseInt, "whole number (at most " + Integer.MAX_VALUE + ")");
  }

  /**
   * Applies a duration: ISO-8601 ({@code PT30S}) or whole milliseconds.
   *
   * @param target the options so far
   * @param key the key
   * @param with the setter
   * @param <T> the options type
   * @return the new options
   */
  public <T> T duration(T target, String key, BiFunction<T, Duration, T> with) {
    return apply(target, key, with, v -> v.toUpperCase(Locale.ROOT).startsWith("P") ? Duration.parse(v)
        : Duration.ofMillis(Long.parseLong(v)), "duration (ISO-8601 such as PT30S, or milliseconds)");
  }

  /**
   * Applies a constant of an enum, by name in any case.
   *
   * @param target the options so far
   * @param key the key
   * @param type the enum
   * @param with the setter
   * @param <T> the options type
   * @param <E> the enum type
   * @return the new options
   */
  public <T, E extends Enum<E>> T choice(T target, String key, Class<E> type, BiFunction<T, E, T> with) {
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      names.add(e.name().toLowerCase(Locale.ROOT));
    }
    return apply(target, key, with, v -> Enum.valueOf(type, v.toUpperCase(Locale.ROOT)), "one of " + names);
  }

  /**
   * Applies a comma-separated list (blank entries dropped).
   *
   * @param target the options so far
   * @param key the key
   * @param with the setter
   * @param <T> the options type
   * @return the new options
   */
  public <T> T list(T target, String key, BiFunction<T, List<String>, T> with) {
    return apply(target, key, with, PluginOptions::split, "list");
  }

  /**
   * Applies a set of operations: comma-separated names ({@code update}, {@code create_many}) and shared sets
   * ({@code reads}, {@code writes}, {@code scoped}, {@code all}), united.
   *
   * @param target the options so far
   * @param key the key
   * @param with the setter
   * @param <T> the options type
   * @return the new options
   */
  public <T> T operations(T target, String key, BiFunction<T, Set<Operation>, T> with) {
    return apply(target, key, with, PluginOptions::operations,
        "operation names or the sets reads, writes, scoped, all");
  }

  /**
   * Parses an operation set as {@link #operations} does.
   *
   * @param text comma-separated names and set names
   * @return the operations
   * @throws IllegalArgumentException if a name is unknown
   */
  public static Set<Operation> operations(String text) {
    EnumSet<Operation> out = EnumSet.noneOf(Operation.class);
    for (String name : split(text)) {
      switch (name.toLowerCase(Locale.ROOT)) {
        case "reads":
          out.addAll(Operation.reads());
          break;
        case "writes":
          out.addAll(Operation.writes());
          break;
        case "scoped":
          out.addAll(Operation.scoped());
          break;
        case "all":
          out.addAll(EnumSet.allOf(Operation.class));
          break;
        default:
          try {
            out.add(Operation.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_')));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown operation " + Messages.quote(name));
          }
      }
    }
    return out;
  }

  private static List<String> split(String v) {
    List<String> out = new ArrayList<>();
    for (String part : v.split(",")) {
      if (!part.isBlank()) {
        out.add(part.trim());
      }
    }
    return List.copyOf(out);
  }

  /** Parses a present value and applies it; a parse or setter failure names the key. */
  private <T, V> T apply(T target, String key, BiFunction<T, V, T> with, Parser<V> parse, String what) {
    String v = values.get(key);
    if (v == null) {
      return target;
    }
    V parsed;
    try {
      parsed = parse.parse(v);
    } catch (NumberFormatException | DateTimeParseException e) {
      throw invalid(key, "not a valid " + what, e);
    } catch (IllegalArgumentException e) {
      throw invalid(key, e.getMessage() == null || e.getMessage().startsWith("No enum constant")
          ? "expected " + what : e.getMessage(), e);
    }
    try {
      return with.apply(target, parsed);
    } catch (IllegalArgumentException e) {
      throw invalid(key, String.valueOf(e.getMessage()), e);
    }
  }

  /** Parses one value. */
  @FunctionalInterface
  private interface Parser<V> {
    V parse(String value);
  }
}
