package io.sqlitekit.plugin.timestamp;

import io.sqlitekit.spi.error.Messages;
import io.sqlitekit.spi.table.Identifiers;
import java.util.Objects;

/**
 * Settings of the timestamp plugin. Immutable; copy with the {@code withX} methods.
 *
 * <p>Defaults: {@code createdAt} and {@code updatedAt}, both stamped. Either field may be switched off,
 * but not both. A stamped field must exist on every table the plugin is installed on, as a timestamp
 * column (ISO-8601 text, epoch milliseconds or epoch seconds) or a plain TEXT (ISO-8601) or INTEGER
 * (epoch milliseconds) column.
 *
 * @param createdField the property key of the creation time
 * @param updatedField the property key of the last-update time
 * @param stampCreated whether {@code createdField} is stamped
 * @param stampUpdated whether {@code updatedField} is stamped
 * @since 0.1.0
 */
public record TimestampOptions(String createdField, String updatedField, boolean stampCreated,
    boolean stampUpdated) {
  /**
   * Validates the options.
   *
   * @param createdField the property key of the creation time
   * @param updatedField the property key of the last-update time
   * @param stampCreated whether {@code createdField} is stamped
   * @param stampUpdated whether {@code updatedField} is stamped
   * @throws NullPointerException if a field name is null
   * @throws IllegalArgumentException if a field name is not a valid identifier, both stamped fields are
   *     the same, or neither field is stamped
   */
  public TimestampOptions {
    Identifiers.requireValid(Objects.requireNonNull(createdField, "createdField"), "createdField");
    Identifiers.requireValid(Objects.requireNonNull(updatedField, "updatedField"), "updatedField");
    if (!stampCreated && !stampUpdated) {
      throw new IllegalArgumentException("timestamp plugin: at least one of createdField and updatedField "
          + "must be stamped");
    }
    if (stampCreated && stampUpdated && createdField.equals(updatedField)) {
      throw new IllegalArgumentException("timestamp plugin: createdField and updatedField must differ, both are "
          + Messages.quote(createdField));
    }
  }

  /**
   * Returns the defaults: {@code createdAt} and {@code updatedAt}, both stamped.
   *
   * @return the defaults
   */
  public static TimestampOptions defaults() {
    return new TimestampOptions("createdAt", "updatedAt", true, true);
  }

  /**
   * Returns a copy with another creation-time field (stamped).
   *
   * @param field the property key
   * @return the new options
   */
  public TimestampOptions withCreatedField(String field) {
    return new TimestampOptions(field, updatedField, true, stampUpdated);
  }

  /**
   * Returns a copy with another update-time field (stamped).
   *
   * @param field the property key
   * @return the new options
   */
  public TimestampOptions withUpdatedField(String field) {
    return new TimestampOptions(createdField, field, stampCreated, true);
  }

  /**
   * Returns a copy that does not stamp the creation time.
   *
   * @return the new options
   * @throws IllegalArgumentException if the update time is not stamped either
   */
  public TimestampOptions withoutCreated() {
    return new TimestampOptions(createdField, updatedField, false, stampUpdated);
  }

  /**
   * Returns a copy that does not stamp the update time.
   *
   * @return the new options
   * @throws IllegalArgumentException if the creation time is not stamped either
   */
  public TimestampOptions withoutUpdated() {
    return new TimestampOptions(createdField, updatedField, stampCreated, false);
  }
}
