package io.sqlitekit.spi.table;

import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.json.JsonCodec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Locale;
import java.util.Objects;

/**
 * One column of a {@link TableDef}: its property key (the name used everywhere in the API), SQL name,
 * storage class, {@link ColumnMode mode} and constraints.
 *
 * <p>Columns are immutable; the factory methods and {@code withX}-style methods return new instances:
 *
 * <pre>{@code
 * Column.text("email").notNull().unique()
 * Column.bool("active").notNull().defaultValue(true)
 * Column.timestamp("createdAt")              // Instant as ISO-8601 text
 * Column.enumOf("role", Role.class)
 * }</pre>
 *
 * <p>The codec methods {@link #toSql} and {@link #fromSql} are the single place where Java values cross
 * into SQLite values; repositories, filters and the in-memory kit all use them, so {@code eq("active",
 * true)} and {@code gt("createdAt", instant)} compare as stored. A value of the wrong type is rejected
 * with a {@link ValidationException} naming the column, never silently coerced.
 *
 * @param name the property key; also the record component name
 * @param sqlName the column name in SQL
 * @param storage the storage class
 * @param mode the value mode
 * @param javaType the Java type of decoded values (enum class, JSON target type, or the storage default)
 * @param isPrimaryKey whether this is the (single-column) primary key
 * @param isNotNull whether NULL is rejected
 * @param isUnique whether values must be unique
 * @param isAutoIncrement whether an INTEGER primary key uses AUTOINCREMENT
 * @param defaultValue a Java default value used in DDL, or null
 * @param defaultSql a raw SQL default expression used in DDL (for example {@code CURRENT_TIMESTAMP}), or null
 * @since 0.1.0
 */
public record Column(String name, String sqlName, StorageClass storage, ColumnMode mode, Class<?> javaType,
    boolean isPrimaryKey, boolean isNotNull, boolean isUnique, boolean isAutoIncrement, Object defaultValue,
    String defaultSql) {

  /**
   * Validates the column.
   *
   * @throws NullPointerException if a required component is null
   * @throws IllegalArgumentException if the name is not a valid identifier, the mode does not fit the
   *     storage class, or both kinds of default are given
   */
  public Column {
    Identifiers.requireValid(Objects.requireNonNull(name, "name"), "column name");
    Identifiers.requireValid(Objects.requireNonNull(sqlName, "sqlName"), "column SQL name");
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(javaType, "javaType");
    if (mode.requiredStorage() != null && mode.requiredStorage() != storage) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "column \"%s\": mode %s needs storage %s, not %s", name, mode, mode.requiredStorage(), storage));
    }
    if (mode == ColumnMode.ENUM && !javaType.isEnum()) {
      throw new IllegalArgumentException("column \"" + name + "\": ENUM mode needs an enum class");
    }
    if (defaultValue != null && defaultSql != null) {
      throw new IllegalArgumentException("column \"" + name + "\": give defaultValue or defaultSql, not both");
    }
    if (isAutoIncrement && !(isPrimaryKey && storage == StorageClass.INTEGER)) {
      throw new IllegalArgumentException("column \"" + name + "\": AUTOINCREMENT needs an INTEGER primary key");
    }
  }

  private static Column plain(String name, StorageClass storage, Class<?> type) {
    return new Column(name, name, storage, ColumnMode.PLAIN, type, false, false, false, false, null, null);
  }

  private static Column moded(String name, StorageClass storage, ColumnMode mode, Class<?> type) {
    return new Column(name, name, storage, mode, type, false, false, false, false, null, null);
  }

  /**
   * A TEXT column holding {@code String}.
   *
   * @param name the property key
   * @return the column
   */
  public static Column text(String name) {
    return plain(name, StorageClass.TEXT, String.class);
  }

  /**
   * An INTEGER column holding {@code Long} (any integral {@code Number} is accepted on write).
   *
   * @param name the property key
   * @return the column
   */
  public static Column integer(String name) {
    return plain(name, StorageClass.INTEGER, Long.class);
  }

  /**
   * A REAL column holding {@code Double}.
   *
   * @param name the property key
   * @return the column
   */
  public static Column real(String name) {
    return plain(name, StorageClass.REAL, Double.class);
  }

  /**
   * A BLOB column holding {@code byte[]}.
   *
   * @param name the property key
   * @return the column
   */
  public static Column blob(String name) {
    return plain(name, StorageClass.BLOB, byte[].class);
  }

  /**
   * A {@code Boolean} column stored as INTEGER 0/1.
   *
   * @param name the property key
   * @return the column
   */
  public static Column bool(String name) {
    return moded(name, StorageClass.INTEGER, ColumnMode.BOOLEAN, Boolean.class);
  }

  /**
   * An {@code Instant} column stored as ISO-8601 UTC text with millisecond precision.
   *
   * @param name the property key
   * @return the column
   */
  public static Column timestamp(String name) {
    return moded(name, StorageClass.TEXT, ColumnMode.TIMESTAMP_ISO, Instant.class);
  }

  /**
   * An {@code Instant} column stored as INTEGER epoch milliseconds.
   *
   * @param name the property key
   * @return the column
   */
  public static Column timestampMillis(String name) {
    return moded(name, StorageClass.INTEGER, ColumnMode.TIMESTAMP_MILLIS, Instant.class);
  }

  /**
   * An {@code Instant} column stored as INTEGER epoch seconds.
   *
   * @param name the property key
   * @return the column
   */
  public static Column timestampSeconds(String name) {
    return moded(name, StorageClass.INTEGER, ColumnMode.TIMESTAMP_SECONDS, Instant.class);
  }

  /**
   * An enum column stored as the constant's name.
   *
   * @param name the property key
   * @param type the enum class
   * @param <E> the enum type
   * @return the column
   */
  public static <E extends Enum<E>> Column enumOf(String name, Class<E> type) {
    return moded(name, StorageClass.TEXT, ColumnMode.ENUM, type);
  }

  /**
   * A {@code UUID} column stored as text.
   *
   * @param name the property key
   * @return the column
   */
  public static Column uuid(String name) {
    return moded(name, StorageClass.TEXT, ColumnMode.UUID, java.util.UUID.class);
  }

  /**
   * A JSON column; values are encoded by the kit's {@link JsonCodec} and decoded to {@code type}.
   *
   * @param name the property key
   * @param type the decoded type ({@code Object.class} for maps, lists and scalars)
   * @return the column
   */
  public static Column json(String name, Class<?> type) {
    return moded(name, StorageClass.TEXT, ColumnMode.JSON, type);
  }

  /**
   * Returns this column marked as the primary key (implies NOT NULL).
   *
   * @return the new column
   */
  public Column primaryKey() {
    return new Column(name, sqlName, storage, mode, javaType, true, true, isUnique, isAutoIncrement, defaultValue,
        defaultSql);
  }

  /**
   * Returns this column with AUTOINCREMENT (INTEGER primary keys only).
   *
   * @return the new column
   */
  public Column autoIncrement() {
    return new Column(name, sqlName, storage, mode, javaType, true, true, isUnique, true, defaultValue, defaultSql);
  }

  /**
   * Returns this column marked NOT NULL.
   *
   * @return the new column
   */
  public Column notNull() {
    return new Column(name, sqlName, storage, mode, javaType, isPrimaryKey, true, isUnique, isAutoIncrement,
        defaultValue, defaultSql);
  }

  /**
   * Returns this column marked UNIQUE.
   *
   * @return the new column
   */
  public Column unique() {
    return new Column(name, sqlName, storage, mode, javaType, isPrimaryKey, isNotNull, true, isAutoIncrement,
        defaultValue, defaultSql);
  }

  /**
   * Returns this column with a default value, encoded through the column's codec in DDL.
   *
   * @param value the Java default value
   * @return the new column
   */
  public Column defaultValue(Object value) {
    return new Column(name, sqlName, storage, mode, javaType, isPrimaryKey, isNotNull, isUnique, isAutoIncrement,
        Objects.requireNonNull(value, "value"), null);
  }

  /**
   * Returns this column with a raw SQL default expression such as {@code CURRENT_TIMESTAMP}.
   *
   * @param expression the SQL expression, inserted verbatim in DDL
   * @return the new column
   */
  public Column defaultSql(String expression) {
    return new Column(name, sqlName, storage, mode, javaType, isPrimaryKey, isNotNull, isUnique, isAutoIncrement, null,
        Objects.requireNonNull(expression, "expression"));
  }

  /**
   * Returns this column with a different SQL name; the property key stays the same.
   *
   * @param sqlColumnName the column name in SQL
   * @return the new column
   */
  public Column sqlName(String sqlColumnName) {
    return new Column(name, sqlColumnName, storage, mode, javaType, isPrimaryKey, isNotNull, isUnique, isAutoIncrement,
        defaultValue, defaultSql);
  }

  /**
   * Returns whether the column has a default in DDL (or is an INTEGER primary key, filled by SQLite).
   *
   * @return true if an INSERT may omit the column
   */
  public boolean hasDefault() {
    return defaultValue != null || defaultSql != null || (isPrimaryKey && storage == StorageClass.INTEGER);
  }

  /**
   * Encodes a Java value into the value stored in SQLite.
   *
   * @param value the Java value, possibly null
   * @param json the JSON codec for JSON-mode columns; may be null for other modes
   * @return {@code null}, {@code String}, {@code Long}, {@code Double} or {@code byte[]}
   * @throws ValidationException if the value does not fit the column
   */
  public Object toSql(Object value, JsonCodec json) {
    if (value == null) {
      return null;
    }
    switch (mode) {
      case BOOLEAN:
        if (value instanceof Boolean) {
          return ((Boolean) value) ? 1L : 0L;
        }
        if (value instanceof Number && isIntegral((Number) value)) {
          long l = ((Number) value).longValue();
          if (l == 0 || l == 1) {
            return l;
          }
        }
        throw wrongType(value, "a Boolean");
      case TIMESTAMP_ISO:
        return Timestamps.format(toInstant(value));
      case TIMESTAMP_MILLIS:
        return value instanceof Number && isIntegral((Number) value) ? ((Number) value).longValue()
            : toInstant(value).toEpochMilli();
      case TIMESTAMP_SECONDS:
        return value instanceof Number && isIntegral((Number) value) ? ((Number) value).longValue()
            : toInstant(value).getEpochSecond();
      case ENUM:
        if (javaType.isInstance(value)) {
          return ((Enum<?>) value).name();
        }
        if (value instanceof String) {
          for (Object c : javaType.getEnumConstants()) {
            if (((Enum<?>) c).name().equals(value)) {
              return value;
            }
          }
        }
        throw wrongType(value, "a constant of " + javaType.getSimpleName());
      case UUID:
        if (value instanceof java.util.UUID) {
          return value.toString();
        }
        if (value instanceof String) {
          try {
            return java.util.UUID.fromString((String) value).toString();
          } catch (IllegalArgumentException e) {
            throw wrongType(value, "a UUID");
          }
        }
        throw wrongType(value, "a UUID");
      case JSON:
        if (json == null) {
          throw new ValidationException(name, "column \"" + name + "\" is JSON but no JsonCodec is configured");
        }
        try {
          return json.write(value);
        } catch (IllegalArgumentException e) {
          throw new ValidationException(name, "column \"" + name + "\": value cannot be written as JSON", e);
        }
      case PLAIN:
      default:
        return plainToSql(value);
    }
  }

  private Object plainToSql(Object value) {
    switch (storage) {
      case TEXT:
        if (value instanceof String) {
          return value;
        }
        if (value instanceof Character || value instanceof CharSequence) {
          return value.toString();
        }
        throw wrongType(value, "a String");
      case INTEGER:
        if (value instanceof Long) {
          // Already the bound form: no unboxing and re-boxing on the write hot path.
          return value;
        }
        if (value instanceof Number && isIntegral((Number) value)) {
          if (value instanceof BigInteger && ((BigInteger) value).bitLength() > 63) {
            throw wrongType(value, "a 64-bit integer");
          }
          return ((Number) value).longValue();
        }
        if (value instanceof Boolean) {
          return ((Boolean) value) ? 1L : 0L;
        }
        throw wrongType(value, "an integer");
      case REAL:
        if (value instanceof Number) {
          return ((Number) value).doubleValue();
        }
        throw wrongType(value, "a number");
      case BLOB:
      default:
        if (value instanceof byte[]) {
          return value;
        }
        throw wrongType(value, "a byte[]");
    }
  }

  /**
   * Decodes a value read from SQLite into the column's Java type.
   *
   * @param value the stored value, possibly null
   * @param json the JSON codec for JSON-mode columns; may be null for other modes
   * @return the Java value, possibly null
   * @throws ValidationException if the stored value cannot be decoded (for example an unknown enum name)
   */
  public Object fromSql(Object value, JsonCodec json) {
    if (value == null) {
      return null;
    }
    switch (mode) {
      case BOOLEAN:
        if (value instanceof Number) {
          return ((Number) value).longValue() != 0;
        }
        return Boolean.parseBoolean(value.toString()) || "1".equals(value.toString());
      case TIMESTAMP_ISO:
        if (value instanceof Number) {
          return Instant.ofEpochMilli(((Number) value).longValue());
        }
        return parseInstant(value.toString());
      case TIMESTAMP_MILLIS:
        return value instanceof Number ? Instant.ofEpochMilli(((Number) value).longValue())
            : parseInstant(value.toString());
      case TIMESTAMP_SECONDS:
        return value instanceof Number ? Instant.ofEpochSecond(((Number) value).longValue())
            : parseInstant(value.toString());
      case ENUM:
        for (Object c : javaType.getEnumConstants()) {
          if (((Enum<?>) c).name().equals(value.toString())) {
            return c;
          }
        }
        throw new ValidationException(name, String.format(Locale.ROOT,
            "column \"%s\" holds a value that is not a constant of %s", name, javaType.getSimpleName()));
      case UUID:
        try {
          return java.util.UUID.fromString(value.toString());
        } catch (IllegalArgumentException e) {
          throw new ValidationException(name, "column \"" + name + "\" holds a value that is not a UUID", e);
        }
      case JSON:
        if (json == null) {
          throw new ValidationException(name, "column \"" + name + "\" is JSON but no JsonCodec is configured");
        }
        try {
          return json.read(value.toString(), javaType);
        } catch (IllegalArgumentException e) {
          throw new ValidationException(name, "column \"" + name + "\" holds text that is not valid JSON", e);
        }
      case PLAIN:
      default:
        switch (storage) {
          case INTEGER:
            return value instanceof Number ? (Object) ((Number) value).longValue() : value;
          case REAL:
            return value instanceof Number ? (Object) ((Number) value).doubleValue() : value;
          case TEXT:
            return value instanceof byte[] ? value : value.toString();
          case BLOB:
          default:
            return value;
        }
    }
  }

  private Instant toInstant(Object value) {
    if (value instanceof Instant) {
      return (Instant) value;
    } else if (value instanceof OffsetDateTime) {
      return ((OffsetDateTime) value).toInstant();
    } else if (value instanceof ZonedDateTime) {
      return ((ZonedDateTime) value).toInstant();
    } else if (value instanceof Date) {
      return ((Date) value).toInstant();
    } else if (value instanceof String) {
      try {
        return Timestamps.parse((String) value);
      } catch (DateTimeParseException e) {
        throw wrongType(value, "an ISO-8601 instant");
      }
    }
    throw wrongType(value, "an Instant");
  }

  private Instant parseInstant(String text) {
    try {
      return Timestamps.parse(text);
    } catch (DateTimeParseException e) {
      throw new ValidationException(name, "column \"" + name + "\" holds text that is not an ISO-8601 instant", e);
    }
  }

  private static boolean isIntegral(Number n) {
    if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte
        || n instanceof BigInteger || n instanceof java.util.concurrent.atomic.AtomicInteger
        || n instanceof java.util.concurrent.atomic.AtomicLong) {
      return true;
    }
    if (n instanceof BigDecimal) {
      BigDecimal d = (BigDecimal) n;
      return d.signum() == 0 || d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0;
    }
    double d = n.doubleValue();
    return !Double.isInfinite(d) && d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15;
  }

  private ValidationException wrongType(Object value, String expected) {
    return new ValidationException(name, String.format(Locale.ROOT, "field \"%s\" expects %s, got %s",
        name, expected, value.getClass().getSimpleName()));
  }

  /**
   * Returns a one-line description for diagnostics, for example {@code email TEXT NOT NULL UNIQUE}.
   *
   * @return the description
   */
  public String describe() {
    StringBuilder sb = new StringBuilder(name).append(' ').append(storage.sqlType());
    if (mode != ColumnMode.PLAIN) {
      sb.append(" [").append(mode.name().toLowerCase(Locale.ROOT)).append(']');
    }
    if (isPrimaryKey) {
      sb.append(" PRIMARY KEY");
    }
    if (isNotNull && !isPrimaryKey) {
      sb.append(" NOT NULL");
    }
    if (isUnique) {
      sb.append(" UNIQUE");
    }
    return sb.toString();
  }

}
