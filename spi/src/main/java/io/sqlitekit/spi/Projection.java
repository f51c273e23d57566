package io.sqlitekit.spi;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which fields a read returns: all, an inclusion list or an exclusion list. The primary key is always
 * returned, so results stay addressable.
 *
 * <p>Mapping: a record built from a projected row has null (or zero, for primitives) in the components
 * that were not selected; a {@code Map} document simply lacks those keys.
 *
 * @param fields the listed fields; empty with {@code include = false} means all fields
 * @param include whether {@code fields} are the only ones returned (true) or the ones left out (false)
 * @since 0.1.0
 */
public record Projection(Set<String> fields, boolean include) {
  private static final Projection ALL = new Projection(Set.of(), false);

  /**
   * Copies the fields.
   *
   * @throws NullPointerException if the set or an element is null
   * @throws IllegalArgumentException if an inclusion list is empty
   */
  public Projection {
    fields = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(Objects.requireNonNull(fields, "fields")));
    fields.forEach(f -> Objects.requireNonNull(f, "field"));
    if (include && fields.isEmpty()) {
      throw new IllegalArgumentException("an inclusion projection needs at least one field");
    }
  }

  /**
   * All fields.
   *
   * @return the projection that returns everything
   */
  public static Projection all() {
    return ALL;
  }

  /**
   * Only the given fields (plus the primary key).
   *
   * @param fields the fields
   * @return the projection
   */
  public static Projection include(String... fields) {
    return new Projection(new LinkedHashSet<>(Arrays.asList(fields)), true);
  }

  /**
   * Every field except the given ones (the primary key is kept even if listed).
   *
   * @param fields the fields to leave out
   * @return the projection
   */
  public static Projection exclude(String... fields) {
    return new Projection(new LinkedHashSet<>(Arrays.asList(fields)), false);
  }

  /**
   * Returns whether every field is returned.
   *
   * @return true for {@link #all()}
   */
  public boolean isAll() {
    return !include && fields.isEmpty();
  }
}
