package io.sqlitekit.dqlite.client;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A parameter with an explicit protocol type, for the types plain Java values do not select.
 *
 * <p>Plain parameters map as follows: {@code Long}/{@code Integer}/{@code Short}/{@code Byte} to
 * {@link DqliteType#INTEGER}, {@code Double}/{@code Float} to {@link DqliteType#FLOAT}, {@code String} to
 * {@link DqliteType#TEXT}, {@code byte[]} to {@link DqliteType#BLOB}, {@code null} to
 * {@link DqliteType#NULL}, {@code Boolean} to {@link DqliteType#BOOLEAN} (the server binds 1 or 0). Use
 * this class for ISO-8601 and Unix-time parameters:
 *
 * <pre>{@code
 * conn.exec("INSERT INTO ev(at, at_text) VALUES (?, ?)",
 *     DqliteValue.unixTime(Instant.parse("2024-01-02T03:04:05Z")),
 *     DqliteValue.iso8601(Instant.parse("2024-01-02T03:04:05Z")));
 * }</pre>
 *
 * <p>Unix time goes on the wire as {@link DqliteType#INTEGER}: no dqlite server release binds the
 * {@code UNIXTIME} code as a parameter (it answers with a parse error), and an integer is what it would
 * bind anyway. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class DqliteValue {
  /**
   * The layout go-dqlite writes for times, so rows written by Java and by Go read back alike. A "+00:00"
   * offset rather than "Z" for the same reason.
   */
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSSSSxxx", Locale.ROOT);

  private final DqliteType type;
  private final Object value;

  private DqliteValue(DqliteType type, Object value) {
    this.type = type;
    this.value = value;
  }

  /**
   * An ISO-8601 text parameter, sent as it is.
   *
   * @param text the date/time text
   * @return the parameter
   * @throws NullPointerException if {@code text} is null
   */
  public static DqliteValue iso8601(String text) {
    return new DqliteValue(DqliteType.ISO8601, Objects.requireNonNull(text, "text"));
  }

  /**
   * An ISO-8601 parameter for a date-time with offset, formatted as {@code 2024-01-02 03:04:05.000000000+00:00}
   * (go-dqlite's layout).
   *
   * @param time the date-time
   * @return the parameter
   * @throws NullPointerException if {@code time} is null
   */
  public static DqliteValue iso8601(OffsetDateTime time) {
    return iso8601(ISO.format(Objects.requireNonNull(time, "time")));
  }

  /**
   * An ISO-8601 parameter for an instant, written in UTC.
   *
   * @param instant the instant
   * @return the parameter
   * @throws NullPointerException if {@code instant} is null
   */
  public static DqliteValue iso8601(Instant instant) {
    return iso8601(Objects.requireNonNull(instant, "instant").atOffset(ZoneOffset.UTC));
  }

  /**
   * A Unix-time parameter (whole seconds since the epoch), sent as an integer.
   *
   * @param epochSeconds seconds since 1970-01-01T00:00:00Z
   * @return the parameter
   */
  public static DqliteValue unixTime(long epochSeconds) {
    return new DqliteValue(DqliteType.UNIXTIME, epochSeconds);
  }

  /**
   * A Unix-time parameter for an instant; sub-second precision is dropped (floor).
   *
   * @param instant the instant
   * @return the parameter
   * @throws NullPointerException if {@code instant} is null
   */
  public static DqliteValue unixTime(Instant instant) {
    return unixTime(Objects.requireNonNull(instant, "instant").getEpochSecond());
  }

  /**
   * A boolean parameter (the server binds 1 or 0), the same as passing a {@code Boolean}.
   *
   * @param value the value
   * @return the parameter
   */
  public static DqliteValue bool(boolean value) {
    return new DqliteValue(DqliteType.BOOLEAN, value);
  }

  /**
   * The protocol type this parameter is declared with.
   *
   * @return the type
   */
  public DqliteType type() {
    return type;
  }

  /**
   * The Java value: a {@code String} for ISO-8601, a {@code Long} for Unix time, a {@code Boolean}.
   *
   * @return the value
   */
  public Object value() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DqliteValue v && v.type == type && Objects.deepEquals(v.value, value);
  }

  @Override
  public int hashCode() {
    return 31 * type.hashCode() + Arrays.deepHashCode(new Object[] {value});
  }

  @Override
  public String toString() {
    // The value is left out on purpose: parameters can carry user data.
    return "DqliteValue[" + type + "]";
  }
}
