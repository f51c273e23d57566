package io.sqlitekit.plugin.softdelete;

import io.sqlitekit.spi.table.Identifiers;
import java.util.Objects;

/**
 * Settings of the soft-delete plugin. Immutable; copy with the {@code withX} methods.
 *
 * <p>Default field: {@code deletedAt}. It must exist on every table the plugin is installed on, as a
 * timestamp column (ISO-8601 text, epoch milliseconds or epoch seconds) or a plain TEXT (ISO-8601) or
 * INTEGER (epoch milliseconds) column, and must be nullable: NULL means "not deleted".
 *
 * @param field the property key of the deletion time
 * @since 0.1.0
 */
public record SoftDeleteOptions(String field) {
  /**
   * Validates the options.
   *
   * @param field the property key of the deletion time
   * @throws NullPointerException if {@code field} is null
   * @throws IllegalArgumentException if {@code field} is not a valid identifier
   */
  public SoftDeleteOptions {
    Identifiers.requireValid(Objects.requireNonNull(field, "field"), "soft-delete field");
  }

  /**
   * Returns the defaults: field {@code deletedAt}.
   *
   * @return the defaults
   */
  public static SoftDeleteOptions defaults() {
    return new SoftDeleteOptions("deletedAt");
  }

  /**
   * Returns a copy with another deletion field.
   *
   * @param name the property key
   * @return the new options
   */
  public SoftDeleteOptions withField(String name) {
    return new SoftDeleteOptions(name);
  }
}
