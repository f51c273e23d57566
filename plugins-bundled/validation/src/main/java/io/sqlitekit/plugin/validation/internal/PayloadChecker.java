package io.sqlitekit.plugin.validation.internal;

import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.Messages;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.ColumnMode;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.metadata.PropertyDescriptor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Internal, not API, may change. Checks the payloads written to one table: the {@code TableDef}'s rules
 * and, when an entity class is mapped, its Bean Validation constraints property by property.
 */
final class PayloadChecker {
  private final TableDef table;
  private final boolean tableRules;
  private final Validator validator;
  private final Class<?> entity;
  /** Constrained entity properties, in table column order so violations come out in a stable order. */
  private final List<String> constrained;

  PayloadChecker(TableDef table, boolean tableRules, Validator validator, Class<?> entity) {
    this.table = table;
    this.tableRules = tableRules;
    this.validator = validator;
    this.entity = entity;
    this.constrained = entity == null ? List.of() : constrainedProperties(table, validator, entity);
  }

  private static List<String> constrainedProperties(TableDef table, Validator validator, Class<?> entity) {
    Set<PropertyDescriptor> props;
    try {
      props = validator.getConstraintsForClass(entity).getConstrainedProperties();
    } catch (RuntimeException e) {
      throw new ConfigurationException(String.format(Locale.ROOT,
          "validation plugin: cannot read the constraints of %s for table %s (is its package open to the "
              + "validation engine?): %s", entity.getName(), Messages.quote(table.name()), e.getMessage()), e);
    }
    List<String> names = new ArrayList<>();
    for (PropertyDescriptor p : props) {
      if (table.column(p.getPropertyName()).isEmpty()) {
        // A constraint on a property the table does not have could never be checked: a mapping mistake.
        throw new ConfigurationException(String.format(Locale.ROOT,
            "validation plugin: %s has a constrained property %s that table %s does not have (fields: %s)",
            entity.getName(), Messages.quote(p.getPropertyName()), Messages.quote(table.name()),
            table.fieldNames()));
      }
      names.add(p.getPropertyName());
    }
    List<String> order = table.fieldNames();
    names.sort(Comparator.comparingInt(order::indexOf));
    return List.copyOf(names);
  }

  /** Checks a row an insert path will write; absent fields count as null. */
  void checkInsert(String prefix, Map<String, Object> row, Violations out) {
    for (String field : row.keySet()) {
      if (table.column(field).isEmpty()) {
        out.add(prefix + field, "unknown_field", "is not a field of table " + Messages.quote(table.name()));
      }
    }
    if (tableRules) {
      for (Column c : table.columns()) {
        Object value = row.get(c.name());
        if (value == null) {
          if (c.isNotNull() && !c.hasDefault()) {
            out.add(prefix + c.name(), "not_null", "must not be null (NOT NULL column without a default)");
          }
        } else {
          checkType(prefix, c, value, out);
        }
      }
    }
    for (String property : constrained) {
      Column c = table.require(property);
      Object value = row.get(property);
      if (value == null && !row.containsKey(property) && c.hasDefault()) {
        continue; // SQLite fills it (rowid, DEFAULT); the engine cannot know that value yet
      }
      checkBean(prefix, property, value, out);
    }
  }

  /** Checks the parts of an update that set values on existing rows or on an upsert's insert. */
  void checkUpdate(String prefix, Update update, Violations out) {
    for (Map.Entry<String, Object> e : update.set().entrySet()) {
      checkSetValue(prefix, e.getKey(), e.getValue(), out);
    }
    for (Map.Entry<String, Object> e : update.setOnInsert().entrySet()) {
      checkSetValue(prefix, e.getKey(), e.getValue(), out);
    }
    for (String field : update.unset()) {
      checkSetValue(prefix, field, null, out);
    }
  }

  private void checkSetValue(String prefix, String field, Object value, Violations out) {
    Column c = table.column(field).orElse(null);
    if (c == null) {
      out.add(prefix + field, "unknown_field", "is not a field of table " + Messages.quote(table.name()));
      return;
    }
    if (tableRules) {
      if (value == null && c.isNotNull()) {
        out.add(prefix + field, "not_null", "must not be set to null (NOT NULL column)");
      } else if (value != null) {
        checkType(prefix, c, value, out);
      }
    }
    if (constrained.contains(field)) {
      checkBean(prefix, field, value, out);
    }
  }

  private void checkType(String prefix, Column c, Object value, Violations out) {
    if (c.mode() == ColumnMode.JSON) {
      return; // any value the JSON codec can write is valid; the codec reports the rest when it runs
    }
    try {
      c.toSql(value, null);
    } catch (RuntimeException e) {
      out.add(prefix + c.name(), "type", "is not a valid value for " + c.describe());
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void checkBean(String prefix, String property, Object value, Violations out) {
    Set<ConstraintViolation<Object>> found;
    try {
      found = validator.validateValue((Class) entity, property, value);
    } catch (RuntimeException e) {
      // The engine refuses a value whose Java type does not match the property (a Long for an int field).
      out.add(prefix + property, "type", "does not match the type of " + entity.getSimpleName() + "." + property);
      return;
    }
    List<String> messages = new ArrayList<>();
    for (ConstraintViolation<Object> v : found) {
      messages.add(v.getMessage());
    }
    messages.sort(null); // the engine's set has no stable order
    for (String m : messages) {
      out.add(prefix + property, "constraint", m);
    }
  }
}
