package io.sqlitekit.spi;

import io.sqlitekit.spi.error.ValidationException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;

/**
 * A date bucket of an {@link AggregateRequest}: the rows are grouped by the calendar interval their timestamp
 * field falls into, and the bucket's label becomes a group key of the result, usable in {@code having},
 * {@code sort}, top-N and pagination under the bucket's alias.
 *
 * <p><b>Labels</b> (local wall-clock time of the bucket's zone, UTC by default): minute
 * {@code YYYY-MM-DDTHH:MM}, hour {@code YYYY-MM-DDTHH:00}, day {@code YYYY-MM-DD}, week {@code YYYY-Www} (ISO
 * week and week-based year), month {@code YYYY-MM}, quarter {@code YYYY-Qn}, year {@code YYYY}. Labels sort
 * chronologically as text.
 *
 * <p><b>Custom bins</b> ({@code every > 1}, units minute, hour, day, week or month) are anchored at the epoch
 * in local time: minute, hour and day bins start at multiples of their length since 1970-01-01T00:00, week bins
 * at multiples of N weeks since Monday 1969-12-29 (so they start on Mondays), month bins at multiples of N
 * months since 1970-01. A bin is labelled by its first unit (15-minute bins {@code 2026-03-08T10:15}, 2-week
 * bins by the ISO week they start in).
 *
 * <p><b>Stored values</b> accepted: ISO-8601 text {@code YYYY-MM-DD[(T| )HH:MM[:SS[.fraction]]][Z|±HH:MM]}
 * (text without an offset is UTC; {@code YYYY-MM-DD HH:MM:SS} is such text), and numbers as epoch
 * milliseconds (epoch seconds for a {@link io.sqlitekit.spi.table.Column#timestampSeconds} column). Anything
 * else, and years outside 0000–9999, falls into the NULL bucket. Sub-second parts are dropped towards the past.
 *
 * <p><b>Time zones</b>: any IANA region id or fixed offset. The instant is converted to the zone's local time
 * with the zone's rules at that instant, so buckets follow daylight-saving changes: a day bucket of a 23-hour
 * day holds 23 hours. In the repeated hour of a fall-back change, both instants carry the same local label and
 * share a bucket. Repositories report {@link Capability#DATE_BUCKET_TIMEZONE} when they support zones other
 * than UTC; without it a zoned bucket is refused, never silently computed in UTC.
 *
 * @param field the timestamp field
 * @param unit the calendar unit
 * @param every the bin length in units: 1 for named intervals, more for custom bins
 * @param zone the zone whose local time labels the buckets
 * @since 0.3.0
 */
public record DateBucket(String field, Unit unit, int every, ZoneId zone) {
  /**
   * The name of the SQL function a driver registers when it supports zoned buckets
   * ({@link io.sqlitekit.spi.driver.SqliteDriver#supportsDateBucketFunction()}):
   * {@code sqlitekit_date_bucket(value, spec, epochSeconds)} returns the bucket's label (as this type's
   * documentation defines it; the shared layer's {@code io.sqlitekit.support.rules.DateBucketLabels} computes it)
   * for the bucket {@link #parseSpec(String, String) spec}, numbers read as epoch seconds when the third argument
   * is 1.
   */
  public static final String SQL_FUNCTION = "sqlitekit_date_bucket";


  /**
   * The calendar units of a bucket.
   *
   * @since 0.3.0
   */
  public enum Unit {
    /** Minutes. */
    MINUTE,
    /** Hours. */
    HOUR,
    /** Days (local midnight to midnight). */
    DAY,
    /** ISO weeks, Monday to Sunday. */
    WEEK,
    /** Calendar months. */
    MONTH,
    /** Calendar quarters; named interval only. */
    QUARTER,
    /** Calendar years; named interval only. */
    YEAR
  }

  /**
   * Validates the bucket.
   *
   * @throws NullPointerException if a component is null
   * @throws ValidationException if {@code every} is below 1, or above 1 for a quarter or year
   */
  public DateBucket {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(zone, "zone");
    if (every < 1) {
      throw new ValidationException(field, String.format(Locale.ROOT,
          "date bucket over field \"%s\" needs every >= 1, was %d", field, every));
    }
    if (every > 1 && (unit == Unit.QUARTER || unit == Unit.YEAR)) {
      throw new ValidationException(field, String.format(Locale.ROOT,
          "date bucket over field \"%s\": custom bins take minute, hour, day, week or month, not %s", field,
          unit.name().toLowerCase(Locale.ROOT)));
    }
  }

  /**
   * A named interval in UTC.
   *
   * @param field the timestamp field
   * @param unit the interval
   * @return the bucket
   */
  public static DateBucket of(String field, Unit unit) {
    return new DateBucket(field, unit, 1, ZoneOffset.UTC);
  }

  /**
   * Custom epoch-anchored bins of {@code n} units in UTC, for example every 15 minutes.
   *
   * @param field the timestamp field
   * @param n the bin length, at least 1
   * @param unit minute, hour, day, week or month
   * @return the bucket
   * @throws ValidationException for a bad length or unit
   */
  public static DateBucket every(String field, int n, Unit unit) {
    return new DateBucket(field, unit, n, ZoneOffset.UTC);
  }

  /**
   * Returns a copy labelled in a time zone.
   *
   * @param zoneId an IANA region id such as {@code Europe/Berlin}, {@code UTC} or an offset such as
   *     {@code +05:30}
   * @return the new bucket
   * @throws ValidationException if the id is not a known zone
   */
  public DateBucket inZone(String zoneId) {
    Objects.requireNonNull(zoneId, "zoneId");
    try {
      return new DateBucket(field, unit, every, ZoneId.of(zoneId));
    } catch (DateTimeException e) {
      throw new ValidationException(field, String.format(Locale.ROOT,
          "date bucket over field \"%s\": unknown time zone \"%s\"", field, zoneId), e);
    }
  }

  /**
   * Returns whether the labels are UTC (a zone with the fixed offset zero).
   *
   * @return true for UTC
   */
  public boolean utc() {
    return zone.normalized().equals(ZoneOffset.UTC);
  }

  /**
   * Returns a text form of the bucket (without the field) for the driver's SQL function:
   * {@code unit;every;zone}.
   *
   * @return the spec
   */
  public String spec() {
    return unit.name() + ";" + every + ";" + zone.getId();
  }

  /**
   * Parses a {@link #spec()}.
   *
   * @param field the field the bucket reads (only used in messages)
   * @param spec the spec
   * @return the bucket
   * @throws ValidationException if the spec is malformed
   */
  public static DateBucket parseSpec(String field, String spec) {
    String[] parts = spec == null ? new String[0] : spec.split(";", -1);
    try {
      if (parts.length == 3) {
        return new DateBucket(field, Unit.valueOf(parts[0]), Integer.parseInt(parts[1]), ZoneId.of(parts[2]));
      }
    } catch (IllegalArgumentException | DateTimeException e) {
      // reported below
    }
    throw new ValidationException(field, "malformed date bucket spec \"" + spec + "\"");
  }

  @Override
  public String toString() {
    return "DateBucket[" + field + " every " + every + " " + unit.name().toLowerCase(Locale.ROOT)
        + (utc() ? "" : " in " + zone.getId()) + "]";
  }
}
