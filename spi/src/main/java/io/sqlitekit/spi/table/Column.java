package io.sqlitekit.spi.table;

import io.sqlitekit.spi.error.Messages;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.json.JsonCodec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
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
 * @param isNaNAllowed whether a REAL column stores {@code NaN} (as NULL) instead of refusing it; see
 *     {@link #allowNaN()}
 * @since 0.1.0
 */
public record Column(String name, String sqlName, StorageClass storage, ColumnMode mode, Class<?> javaType,
    boolean isPrimaryKey, boolean isNotNull, boolean isUnique, boolean isAutoIncrement, Object defaultValue,
    String defaultSql, boolean isNaNAllowed) {

  /**
   * Validates the column.
   *
   * @throws NullPointerException if a required component is null
   * @throws IllegalArgumentException if the name is not a valid identifier, the mode does not fit the
   *     storage class, both kinds of default are given, or NaN is allowed on a column that is not a plain
   *     nullable REAL column
   */
  public Column {
    Identifiers.requireValid(Objects.requireNonNull(name, "name"), "column name");
    Identifiers.requireValid(Objects.requireNonNull(sqlName, "sqlName"), "column SQL name");
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(javaType, "javaType");
    if (mode.requiredStorage() != null && mode.requiredStorage() != storage) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "column %s: mode %s needs storage %s, not %s", Messages.quote(name), mode, mode.requiredStorage(),
          storage));
    }
    String shown = "column " + Messages.quote(name);
    if (mode == ColumnMode.ENUM && !javaType.isEnum()) {
      throw new IllegalArgumentException(shown + ": ENUM mode needs an enum class");
    }
    if (defaultValue != null && defaultSql != null) {
      throw new IllegalArgumentException(shown + ": give defaultValue or defaultSql, not both");
    }
    if (isAutoIncrement && !(isPrimaryKey && storage == StorageClass.INTEGER)) {
      throw new IllegalArgumentException(shown + ": AUTOINCREMENT needs an INTEGER primary key");
    }
    if (isNaNAllowed && (storage != StorageClass.REAL || mode != ColumnMode.PLAIN)) {
      throw new IllegalArgumentException(shown + ": only a plain REAL column can allow NaN");
    }
    if (isNaNAllowed && isNotNull) {
      throw new IllegalArgumentException(shown + ": NaN is stored as NULL, so a NOT NULL column cannot allow NaN");
    }
  }

  /**
   * Creates a column that refuses NaN; the constructor of the components before {@code isNaNAllowed} existed.
   *
   * @param name the property key
   * @param sqlName the column name in SQL
   * @param storage the storage class
   * @param mode the value mode
   * @param javaType the Java type of decoded values
   * @param isPrimaryKey whether this is the primary key
   * @param isNotNull whether NULL is rejected
   * @param isUnique whether values must be unique
   * @param isAutoIncrement whether an INTEGER primary key uses AUTOINCREMENT
   * @param defaultValue a Java default value used in DDL, or null
   * @param defaultSql a raw SQL default expression used in DDL, or null
   * @throws IllegalArgumentException as the canonical constructor
   */
  public Column(String name, String sqlName, StorageClass storage, ColumnMode mode, Class<?> javaType,
      boolean isPrimaryKey, boolean isNotNull, boolean isUnique, boolean isAutoIncrement, Object defaultValue,
      String defaultSql) {
    this(name, sqlName, storage, mode, javaType, isPrimaryKey, isNotNull, isUnique, isAutoIncrement, defaultValue,
        defaultSql, false);
  }

  /** The instants ISO-8601 text holds in sortable form: four-digit years of the current era. */
  private static final Instant ISO_MIN = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant ISO_MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");

  private static Column plain(String name, StorageClass storage, Class<?> type) {
    return new Column(name, name, storage, ColumnMode.PLAIN, type, false, false, false, false, null, null);
  }

  private static Column moded(String name, StorageClass storage, ColumnMode mode, Class<?> type) {
    return new Column(name, name, storage, mode, type, false, false, false, false, null, null);
  }

  /**
   * A TEXT column holding {@code String}. Text holding an unpaired surrogate is refused: SQLite stores UTF-8,
   * and the driver would replace such a character with {@code ?}.
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
   * A REAL column holding {@code Double}. Any {@code Number} is accepted on write and stored as its double
   * value, with these exceptions so that nothing changes silently: {@code NaN} is refused (unless
   * {@link #allowNaN()}), as is an integral number without an exact double (beyond 2<sup>53</sup>) and a
   * number outside the double range; {@code -0.0} is stored as {@code 0.0}, as SQLite does. Infinities are
   * stored as they are.
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
   * An {@code Instant} column stored as ISO-8601 UTC text with millisecond precision: sub-millisecond parts are
   * truncated (the codec's documented precision, like {@link Timestamps#format}), and instants outside the
   * years 0001 to 9999, which that text cannot represent in sortable form, are refused.
   *
   * @param name the property key
   * @return the column
   */
  public static Column timestamp(String name) {
    return moded(name, StorageClass.TEXT, ColumnMode.TIMESTAMP_ISO, Instant.class);
  }

  /**
   * An {@code Instant} column stored as INTEGER epoch milliseconds: sub-millisecond parts are truncated
   * (towards the past, as {@link Instant#toEpochMilli()} does), and instants whose epoch milliseconds do not
   * fit a {@code long} are refused.
   *
   * @param name the property key
   * @return the column
   */
  public static Column timestampMillis(String name) {
    return moded(name, StorageClass.INTEGER, ColumnMode.TIMESTAMP_MILLIS, Instant.class);
  }

  /**
   * An {@code Instant} column stored as INTEGER epoch seconds: sub-second parts are truncated, and a number
   * written directly must lie within the {@code Instant} range.
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
        defaultSql, isNaNAllowed);
  }

  /**
   * Returns this column with AUTOINCREMENT (INTEGER primary keys only).
   *
   * @return the new column
   */
  public Column autoIncrement() {
    return new Column(name, sqlName, storage, mode, javaType, true, true, isUnique, true, defaultValue, defaultSql,
        isNaNAllowed);
  }

  /**
   * Returns this column marked NOT NULL.
   *
   * @return the new column
   */
  public Column notNull() {
    return new Column(name, sqlName, storage, mode, javaType, isPrimaryKey, true, isUnique, isAutoIncrement,
        defaultValue, defaultSql, isNaNAllowed);
  }

  /**
   * Returns this column marked UNIQUE.
   *
   * @return the new column
   */
  public Column unique() {
    return new Column(name, sqlName, storage, mode, javaType, isPrimaryKey, isNotNull, true, isAutoIncrement,
        defaultValue, defaultSql, isNaNAllowed);
  }

  /**
   * Returns this column with a default value, encoded through the column's codec in DDL.
   *
   * @param value the Java default value
   * @return the new column
   */
  public Column defaultValue(Object value) {
    return new Column(name, sqlName, storage, mode, javaType, isPrimaryKey, isNotNull, isUnique, isAutoIncrement,
        Objects.requireNonNull(value, "value"), null, isNaNAllowed);
  }

  /**
   * Returns this column with a raw SQL default expression such as {@code CURRENT_TIMESTAMP}.
   *
   * @param expression the SQL expression, inserted verbatim in DDL
   * @return the new column
   */
  public Column defaultSql(String expression) {
    return new Column(name, sqlName, storage, mode, javaType, isPrimaryKey, isNotNull, isUnique, isAutoIncrement, null,
        Objects.requireNonNull(expression, "expression"), isNaNAllowed);
  }

  /**
   * Returns this column with a different SQL name; the property key stays the same.
   *
   * @param sqlColumnName the column name in SQL
   * @return the new column
   */
  public Column sqlName(String sqlColumnName) {
    return new Column(name, sqlColumnName, storage, mode, javaType, isPrimaryKey, isNotNull, isUnique, isAutoIncrement,
        defaultValue, defaultSql, isNaNAllowed);
  }

  /**
   * Returns this REAL column accepting {@code NaN}, stored as NULL (SQLite has no NaN: it binds NaN as NULL).
   * By default a REAL column refuses NaN with a {@link ValidationException}, because reading the row back
   * would give null, not NaN. Filters never accept NaN as an operand; match the stored NULL with
   * {@code eq(field, null)}. Only a plain, nullable REAL column can allow NaN.
   *
   * @return the new column
   * @throws IllegalArgumentException if the column is not a plain REAL column or is NOT NULL
   */
  public Column allowNaN() {
    return new Column(name, sqlName, storage, mode, javaType, isPrimaryKey, isNotNull, isUnique, isAutoIncrement,
        defaultValue, defaultSql, true);
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
   * <p>A value is either stored so that {@link #fromSql} gives it back, up to the documented precision of the
   * column (timestamps), or refused: NaN (unless {@link #allowNaN()}), text with an unpaired surrogate,
   * instants outside the column's range and numbers a REAL column cannot hold exactly all raise a
   * {@link ValidationException} naming the field.
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
      case TIMESTAMP_ISO: {
        Instant i = toInstant(value);
        if (i.isBefore(ISO_MIN) || i.isAfter(ISO_MAX)) {
          throw outOfRange("an instant from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z (ISO-8601 text)");
        }
        return Timestamps.format(i);
      }
      case TIMESTAMP_MILLIS:
        if (value instanceof Number && isIntegral((Number) value)) {
          return integral((Number) value);
        }
        try {
          return toInstant(value).toEpochMilli();
        } catch (ArithmeticException e) {
          throw outOfRange("an instant whose epoch milliseconds fit a 64-bit integer");
        }
      case TIMESTAMP_SECONDS:
        if (value instanceof Number && isIntegral((Number) value)) {
          long seconds = integral((Number) value);
          if (seconds < Instant.MIN.getEpochSecond() || seconds > Instant.MAX.getEpochSecond()) {
            throw outOfRange("epoch seconds within the Instant range");
          }
          return seconds;
        }
        return toInstant(value).getEpochSecond();
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
      case JSON: {
        if (json == null) {
          throw new ValidationException(name, "column " + Messages.quote(name)
              + " is JSON but no JsonCodec is configured");
        }
        String text;
        try {
          text = json.write(value);
        } catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException
            | java.io.UncheckedIOException e) {
          throw new ValidationException(name, "column " + Messages.quote(name) + ": value cannot be written as JSON",
              e);
        }
        return wellFormed(text, "JSON text");
      }
      case PLAIN:
      default:
        return plainToSql(value);
    }
  }

  /**
   * Encodes a filter operand: like {@link #toSql}, except that {@code NaN} is refused even when the column
   * {@link #allowNaN() allows NaN}, because the stored form of NaN is NULL and no comparison with it can
   * match; filter on {@code eq(field, null)} instead.
   *
   * @param value the operand, possibly null
   * @param json the JSON codec for JSON-mode columns; may be null for other modes
   * @return the encoded operand
   * @throws ValidationException if the value does not fit the column
   */
  public Object toSqlOperand(Object value, JsonCodec json) {
    if (isNaNAllowed && value instanceof Number && Double.isNaN(((Number) value).doubleValue())) {
      throw nan(" in a filter; a stored NaN is NULL, match it with eq(field, null)");
    }
    return toSql(value, json);
  }

  private Object plainToSql(Object value) {
    switch (storage) {
      case TEXT:
        if (value instanceof String) {
          return wellFormed((String) value, "text");
        }
        if (value instanceof Character || value instanceof CharSequence) {
          return wellFormed(value.toString(), "text");
        }
        throw wrongType(value, "a String");
      case INTEGER:
        if (value instanceof Long) {
          // Already the bound form: no unboxing and re-boxing on the write hot path.
          return value;
        }
        if (value instanceof Number && isIntegral((Number) value)) {
          return integral((Number) value);
        }
        if (value instanceof Boolean) {
          return ((Boolean) value) ? 1L : 0L;
        }
        throw wrongType(value, "an integer");
      case REAL:
        if (value instanceof Number) {
          return real((Number) value);
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

  private Object real(Number n) {
    double d = n.doubleValue();
    if (Double.isNaN(d)) {
      if (isNaNAllowed) {
        return null;
      }
      throw nan("; SQLite would store NULL. Allow it with Column.real(name).allowNaN() to store NaN as NULL");
    }
    if (n instanceof Double || n instanceof Float) {
      // SQLite keeps no sign on zero: store the 0.0 it will give back.
      return d == 0.0 ? (Object) 0.0 : (Object) d;
    }
    boolean exact;
    if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte
        || n instanceof java.util.concurrent.atomic.AtomicInteger
        || n instanceof java.util.concurrent.atomic.AtomicLong) {
      long l = n.longValue();
      exact = d != 0x1p63 && (long) d == l;
    } else if (n instanceof BigInteger) {
      exact = !Double.isInfinite(d) && new BigDecimal(d).toBigIntegerExact().equals(n);
    } else {
      // Decimal fractions round to the nearest double, as any REAL does; only leaving the range is refused.
      exact = !Double.isInfinite(d);
    }
    if (!exact) {
      throw new ValidationException(name, String.format(Locale.ROOT,
          "field %s is REAL and cannot hold this %s exactly (beyond the double precision or range)",
          Messages.quote(name), n.getClass().getSimpleName()));
    }
    return d == 0.0 ? (Object) 0.0 : (Object) d;
  }

  private long integral(Number n) {
    if (n instanceof BigInteger && ((BigInteger) n).bitLength() > 63
        || n instanceof BigDecimal && !fitsLong((BigDecimal) n)) {
      throw wrongType(n, "a 64-bit integer");
    }
    return n.longValue();
  }

  private static boolean fitsLong(BigDecimal d) {
    try {
      d.longValueExact();
      return true;
    } catch (ArithmeticException e) {
      return false;
    }
  }

  private String wellFormed(String text, String what) {
    int at = unpairedSurrogate(text);
    if (at >= 0) {
      throw new ValidationException(name, String.format(Locale.ROOT,
          "field %s: the %s holds an unpaired UTF-16 surrogate at index %d, which SQLite cannot store (it would"
              + " become '?')", Messages.quote(name), what, at));
    }
    return text;
  }

  /**
   * Returns the index of the first unpaired UTF-16 surrogate in the text, or -1 if every surrogate is half of a
   * pair. SQLite stores text as UTF-8, which has no encoding for a lone surrogate; the JDBC driver writes
   * {@code ?} instead, so the kit refuses such text rather than change it.
   *
   * @param text the text
   * @return the index, or -1
   */
  public static int unpairedSurrogate(CharSequence text) {
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      } else if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
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
        if (value instanceof Number) {
          try {
            return Instant.ofEpochSecond(((Number) value).longValue());
          } catch (java.time.DateTimeException e) {
            throw new ValidationException(name, "column " + Messages.quote(name)
                + " holds epoch seconds outside the Instant range", e);
          }
        }
        return parseInstant(value.toString());
      case ENUM:
        for (Object c : javaType.getEnumConstants()) {
          if (((Enum<?>) c).name().equals(value.toString())) {
            return c;
          }
        }
        throw new ValidationException(name, String.format(Locale.ROOT,
            "column %s holds a value that is not a constant of %s", Messages.quote(name), javaType.getSimpleName()));
      case UUID:
        try {
          return java.util.UUID.fromString(value.toString());
        } catch (IllegalArgumentException e) {
          throw new ValidationException(name, "column " + Messages.quote(name) + " holds a value that is not a UUID",
              e);
        }
      case JSON:
        if (json == null) {
          throw new ValidationException(name, "column " + Messages.quote(name)
              + " is JSON but no JsonCodec is configured");
        }
        try {
          return json.read(value.toString(), javaType);
        } catch (IllegalArgumentException e) {
          throw new ValidationException(name, "column " + Messages.quote(name) + " holds text that is not valid JSON",
              e);
        }
      case PLAIN:
      default:
        switch (storage) {
          case INTEGER:
            // A Long is returned as is: re-boxing it costs an allocation per value on every read and insert.
            return value instanceof Number && !(value instanceof Long) ? (Object) ((Number) value).longValue()
                : value;
          case REAL:
            return value instanceof Number && !(value instanceof Double)
                ? (Object) ((Number) value).doubleValue() : value;
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
      } catch (java.time.DateTimeException e) {
        throw wrongType(value, "an ISO-8601 instant");
      }
    }
    throw wrongType(value, "an Instant");
  }

  private Instant parseInstant(String text) {
    try {
      return Timestamps.parse(text);
    } catch (java.time.DateTimeException e) {
      throw new ValidationException(name, "column " + Messages.quote(name)
          + " holds text that is not an ISO-8601 instant", e);
    }
  }

  private ValidationException outOfRange(String expected) {
    return new ValidationException(name, String.format(Locale.ROOT, "field %s expects %s; the value is out of range",
        Messages.quote(name), expected));
  }

  private ValidationException nan(String rest) {
    return new ValidationException(name, "field " + Messages.quote(name) + " refuses NaN" + rest);
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
    return new ValidationException(name, String.format(Locale.ROOT, "field %s expects %s, got %s",
        Messages.quote(name), expected, value.getClass().getSimpleName()));
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
