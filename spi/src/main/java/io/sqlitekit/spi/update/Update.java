package io.sqlitekit.spi.update;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable description of a write to one row or many: the Update IR.
 *
 * <ul>
 *   <li>{@code set}: field to new value (null writes NULL); values go through the column codecs.</li>
 *   <li>{@code unset}: fields set to NULL.</li>
 *   <li>{@code inc}: field to numeric delta; a NULL field counts as 0, so {@code inc(f, 5)} on NULL gives 5.</li>
 *   <li>{@code setOnInsert}: values used only when an upsert inserts a new row.</li>
 * </ul>
 *
 * <p>A field may appear in only one of {@code set}, {@code unset} and {@code inc}. Build updates with the
 * static factories and combine them with {@link #and(Update)}:
 *
 * <pre>{@code
 * Update u = Update.set("role", "admin").and(Update.inc("logins", 1)).and(Update.unset("deletedAt"));
 * }</pre>
 *
 * @param set field to value
 * @param unset fields to set to NULL
 * @param inc field to delta
 * @param setOnInsert field to value, applied only on upsert inserts
 * @since 0.1.0
 */
public record Update(Map<String, Object> set, Set<String> unset, Map<String, Number> inc,
    Map<String, Object> setOnInsert) {

  private static final Update EMPTY = new Update(Map.of(), Set.of(), Map.of(), Map.of());

  /**
   * Validates and copies the buckets.
   *
   * @throws NullPointerException if a bucket, a key or an {@code inc} delta is null
   * @throws IllegalArgumentException if a field appears in more than one of set, unset and inc
   */
  public Update {
    set = copy(Objects.requireNonNull(set, "set"));
    unset = Collections.unmodifiableSet(new LinkedHashSet<>(Objects.requireNonNull(unset, "unset")));
    unset.forEach(f -> Objects.requireNonNull(f, "unset field"));
    Map<String, Number> incCopy = new LinkedHashMap<>();
    Objects.requireNonNull(inc, "inc").forEach((k, v) ->
        incCopy.put(Objects.requireNonNull(k, "inc field"), Objects.requireNonNull(v, "inc delta for " + k)));
    inc = Collections.unmodifiableMap(incCopy);
    setOnInsert = copy(Objects.requireNonNull(setOnInsert, "setOnInsert"));
    for (String f : set.keySet()) {
      if (unset.contains(f) || inc.containsKey(f)) {
        throw new IllegalArgumentException("update names field \"" + f + "\" in more than one of set/unset/inc");
      }
    }
    for (String f : unset) {
      if (inc.containsKey(f)) {
        throw new IllegalArgumentException("update names field \"" + f + "\" in both unset and inc");
      }
    }
  }

  private static Map<String, Object> copy(Map<String, ?> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(Objects.requireNonNull(k, "field"), v));
    return Collections.unmodifiableMap(out);
  }

  /**
   * Returns the update that changes nothing; repositories reject it where a change is required.
   *
   * @return the empty update
   */
  public static Update empty() {
    return EMPTY;
  }

  /**
   * Sets one field.
   *
   * @param field the field
   * @param value the value, null writes NULL
   * @return the update
   */
  public static Update set(String field, Object value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(Objects.requireNonNull(field, "field"), value);
    return new Update(m, Set.of(), Map.of(), Map.of());
  }

  /**
   * Sets several fields; a null value writes NULL.
   *
   * @param fields field to value
   * @return the update
   */
  public static Update set(Map<String, ?> fields) {
    return new Update(copy(fields), Set.of(), Map.of(), Map.of());
  }

  /**
   * Sets fields to NULL.
   *
   * @param fields the fields
   * @return the update
   */
  public static Update unset(String... fields) {
    return new Update(Map.of(), new LinkedHashSet<>(java.util.Arrays.asList(fields)), Map.of(), Map.of());
  }

  /**
   * Adds a delta to a numeric field (NULL counts as 0).
   *
   * @param field the field
   * @param delta the delta, may be negative or fractional
   * @return the update
   */
  public static Update inc(String field, Number delta) {
    Map<String, Number> m = new LinkedHashMap<>();
    m.put(Objects.requireNonNull(field, "field"), delta);
    return new Update(Map.of(), Set.of(), m, Map.of());
  }

  /**
   * Values written only when an upsert inserts a new row.
   *
   * @param fields field to value
   * @return the update
   */
  public static Update setOnInsert(Map<String, ?> fields) {
    return new Update(Map.of(), Set.of(), Map.of(), copy(fields));
  }

  /**
   * Combines two updates: later values win within {@code set}, {@code inc} and {@code setOnInsert};
   * {@code unset} fields are united. A field moving between set/unset/inc across the two is rejected.
   *
   * @param other the update applied after this one
   * @return the combined update
   * @throws IllegalArgumentException if the combination names a field in two buckets
   */
  public Update and(Update other) {
    Objects.requireNonNull(other, "other");
    Map<String, Object> s = new LinkedHashMap<>(set);
    s.putAll(other.set);
    Set<String> u = new LinkedHashSet<>(unset);
    u.addAll(other.unset);
    Map<String, Number> i = new LinkedHashMap<>(inc);
    i.putAll(other.inc);
    Map<String, Object> soi = new LinkedHashMap<>(setOnInsert);
    soi.putAll(other.setOnInsert);
    return new Update(s, u, i, soi);
  }

  /**
   * Returns this update with one more field set, replacing an unset or inc of the same field.
   * Plugins use it to stamp fields such as {@code updatedAt}.
   *
   * @param field the field
   * @param value the value
   * @return the new update
   */
  public Update withSet(String field, Object value) {
    Map<String, Object> s = new LinkedHashMap<>(set);
    s.put(Objects.requireNonNull(field, "field"), value);
    Set<String> u = new LinkedHashSet<>(unset);
    u.remove(field);
    Map<String, Number> i = new LinkedHashMap<>(inc);
    i.remove(field);
    return new Update(s, u, i, setOnInsert);
  }

  /**
   * Returns this update without any mention of a field (in any bucket).
   *
   * @param field the field
   * @return the new update
   */
  public Update without(String field) {
    Map<String, Object> s = new LinkedHashMap<>(set);
    s.remove(field);
    Set<String> u = new LinkedHashSet<>(unset);
    u.remove(field);
    Map<String, Number> i = new LinkedHashMap<>(inc);
    i.remove(field);
    Map<String, Object> soi = new LinkedHashMap<>(setOnInsert);
    soi.remove(field);
    return new Update(s, u, i, soi);
  }

  /**
   * Returns whether the update changes an existing row (ignores {@code setOnInsert}).
   *
   * @return true if set, unset or inc is non-empty
   */
  public boolean changesExistingRows() {
    return !set.isEmpty() || !unset.isEmpty() || !inc.isEmpty();
  }

  /**
   * Returns whether all four buckets are empty.
   *
   * @return true for the empty update
   */
  public boolean isEmpty() {
    return !changesExistingRows() && setOnInsert.isEmpty();
  }

  /**
   * Returns every field named in any bucket, in bucket order set, unset, inc, setOnInsert.
   *
   * @return the fields
   */
  public Set<String> fields() {
    Set<String> out = new LinkedHashSet<>(set.keySet());
    out.addAll(unset);
    out.addAll(inc.keySet());
    out.addAll(setOnInsert.keySet());
    return out;
  }
}
