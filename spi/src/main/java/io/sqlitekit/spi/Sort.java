package io.sqlitekit.spi;

import io.sqlitekit.spi.error.Messages;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An ordered list of sort keys. NULLs sort first in ascending order and last in descending order (SQLite's
 * rule, which every implementation follows).
 *
 * @param fields the keys in priority order; empty means "implementation order"
 * @since 0.1.0
 */
public record Sort(List<SortField> fields) {
  private static final Sort UNSORTED = new Sort(List.of());

  /**
   * Copies the keys.
   *
   * @throws NullPointerException if the list or an element is null
   * @throws IllegalArgumentException if a field appears twice
   */
  public Sort {
    fields = List.copyOf(Objects.requireNonNull(fields, "fields"));
    if (fields.stream().map(SortField::field).distinct().count() != fields.size()) {
      throw new IllegalArgumentException("sort names a field twice: " + fields);
    }
  }

  /**
   * Returns the empty sort.
   *
   * @return the sort without keys
   */
  public static Sort unsorted() {
    return UNSORTED;
  }

  /**
   * Builds a sort from keys.
   *
   * @param fields the keys
   * @return the sort
   */
  public static Sort by(SortField... fields) {
    return new Sort(Arrays.asList(fields));
  }

  /**
   * Parses {@code "-createdAt,name,+id"}: comma-separated fields, a leading {@code -} for descending and an
   * optional leading {@code +} for ascending; blanks around names are ignored, empty entries skipped.
   *
   * @param spec the text
   * @return the sort
   * @throws IllegalArgumentException if a field is named twice or an entry is only a sign
   */
  public static Sort parse(String spec) {
    Objects.requireNonNull(spec, "spec");
    List<SortField> out = new ArrayList<>();
    for (String raw : spec.split(",", -1)) {
      String s = raw.trim();
      if (s.isEmpty()) {
        continue;
      }
      boolean desc = s.charAt(0) == '-';
      if (desc || s.charAt(0) == '+') {
        s = s.substring(1).trim();
      }
      if (s.isEmpty()) {
        throw new IllegalArgumentException("sort entry " + Messages.quote(raw.trim()) + " has no field name");
      }
      out.add(new SortField(s, desc));
    }
    return new Sort(out);
  }

  /**
   * Returns whether there are no keys.
   *
   * @return true when unsorted
   */
  public boolean isEmpty() {
    return fields.isEmpty();
  }

  /**
   * Returns this sort with a key appended unless the field is already present (used to append the
   * primary key as a unique tiebreaker).
   *
   * @param key the key
   * @return the new sort
   */
  public Sort thenBy(SortField key) {
    for (SortField f : fields) {
      if (f.field().equals(key.field())) {
        return this;
      }
    }
    List<SortField> out = new ArrayList<>(fields);
    out.add(key);
    return new Sort(out);
  }

  /**
   * Returns this sort made total for paging: the primary key is appended as a unique tiebreaker in the
   * direction of the last key (ascending when the sort is empty), unless it is already a key. Following the
   * last key's direction lets one index on the sort column serve the whole order (SQLite indexes end with the
   * rowid), and every implementation uses this one rule, so ties are broken identically everywhere.
   *
   * @param primaryKeyField the primary key's field name
   * @return the total sort
   */
  public Sort total(String primaryKeyField) {
    Objects.requireNonNull(primaryKeyField, "primaryKeyField");
    boolean descending = !fields.isEmpty() && fields.get(fields.size() - 1).descending();
    return thenBy(new SortField(primaryKeyField, descending));
  }

  @Override
  public String toString() {
    return fields.stream().map(SortField::toString).collect(Collectors.joining(","));
  }
}
