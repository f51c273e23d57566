package io.sqlitekit.plugin.validation;

import io.sqlitekit.spi.error.Messages;
import io.sqlitekit.spi.table.Identifiers;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the validation plugin. Immutable; copy with the {@code withX} methods.
 *
 * <p>Defaults: table rules on, no entity classes. Table rules check what the {@code TableDef} declares: NOT
 * NULL columns, the Java type each column accepts, enum constants. An entity class mapped to a table adds
 * its Jakarta Bean Validation constraints ({@code @NotBlank}, {@code @Size}, {@code @Email}, …), checked
 * property by property against the payload, so partial updates are checked too.
 *
 * @param entities table name to the entity class whose constraints apply to it
 * @param tableRules whether the {@code TableDef} rules are checked
 * @since 0.1.0
 */
public record ValidationOptions(Map<String, Class<?>> entities, boolean tableRules) {
  /**
   * Validates and copies the options.
   *
   * @param entities table name to entity class
   * @param tableRules whether table rules are checked
   * @throws NullPointerException if {@code entities} or an entry is null
   * @throws IllegalArgumentException if a table name is not a valid identifier, or nothing would be checked
   */
  public ValidationOptions {
    Objects.requireNonNull(entities, "entities");
    entities.forEach((table, type) -> {
      Identifiers.requireValid(Objects.requireNonNull(table, "table"), "table name");
      Objects.requireNonNull(type, () -> "entity class of table " + Messages.quote(table));
    });
    entities = Map.copyOf(entities);
    if (!tableRules && entities.isEmpty()) {
      throw new IllegalArgumentException("validation plugin: with table rules off, map at least one entity class");
    }
  }

  /**
   * Returns the defaults: table rules on, no entity classes.
   *
   * @return the defaults
   */
  public static ValidationOptions defaults() {
    return new ValidationOptions(Map.of(), true);
  }

  /**
   * Returns a copy that checks the Bean Validation constraints of {@code entity} on writes to {@code table}.
   *
   * @param table the table name
   * @param entity the entity class (usually the record the repository maps rows to)
   * @return the new options
   */
  public ValidationOptions withEntity(String table, Class<?> entity) {
    Map<String, Class<?>> next = new LinkedHashMap<>(entities);
    next.put(table, entity);
    return new ValidationOptions(next, tableRules);
  }

  /**
   * Returns a copy that checks only the entity constraints.
   *
   * @return the new options
   * @throws IllegalArgumentException if no entity class is mapped
   */
  public ValidationOptions withoutTableRules() {
    return new ValidationOptions(entities, false);
  }
}
