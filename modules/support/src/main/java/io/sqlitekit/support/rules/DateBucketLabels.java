package io.sqlitekit.support.rules;

import io.sqlitekit.spi.DateBucket;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The label of a {@link DateBucket}, computed in Java: the in-memory kit groups by it, and a driver's
 * {@link DateBucket#SQL_FUNCTION} returns it, so zoned buckets label the same on every kit. The labels, bins and
 * accepted stored values are the ones {@link DateBucket} documents; this class is their one implementation.
 *
 * @since 0.3.0
 */
public final class DateBucketLabels {
  private static final Pattern ISO = Pattern.compile(
      "(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?)?(Z|[+-]\\d{2}:\\d{2})?");
  private static final long ANCHOR_MONTH = 1970L * 12;

  private DateBucketLabels() {
  }

  /**
   * Computes the label of a stored value: the function both kits (and the SQL function of a driver) use.
   *
   * @param bucket the bucket: its unit, bin length and zone
   * @param stored the stored value: text, or a number of epoch milliseconds (seconds when
   *     {@code epochSeconds}); null gives null
   * @param epochSeconds whether numbers are epoch seconds rather than milliseconds
   * @return the label, or null when the value is null, not a timestamp, or outside years 0000–9999
   */
  public static String label(DateBucket bucket, Object stored, boolean epochSeconds) {
    Objects.requireNonNull(bucket, "bucket");
    int every = bucket.every();
    Long second = epochSecond(stored, epochSeconds);
    if (second == null) {
      return null;
    }
    LocalDateTime local;
    try {
      local = LocalDateTime.ofInstant(Instant.ofEpochSecond(second), bucket.zone());
    } catch (DateTimeException e) {
      return null;
    }
    if (local.getYear() < 0 || local.getYear() > 9999) {
      return null;
    }
    long localSecond = local.toEpochSecond(ZoneOffset.UTC);
    switch (bucket.unit()) {
      case MINUTE:
        return minuteLabel(LocalDateTime.ofEpochSecond(floorTo(localSecond, 60L * every), 0, ZoneOffset.UTC));
      case HOUR: {
        LocalDateTime t = LocalDateTime.ofEpochSecond(floorTo(localSecond, 3600L * every), 0, ZoneOffset.UTC);
        return String.format(Locale.ROOT, "%s-%02d-%02dT%02d:00", year(t.getYear()), t.getMonthValue(),
            t.getDayOfMonth(), t.getHour());
      }
      case DAY:
        return dayLabel(LocalDate.ofEpochDay(floorTo(local.toLocalDate().toEpochDay(), every)));
      case WEEK: {
        // Week bins start on Mondays: day -3 (1969-12-29) is the Monday before the epoch.
        long day = local.toLocalDate().toEpochDay() + 3;
        LocalDate monday = LocalDate.ofEpochDay(floorTo(day, 7L * every) - 3);
        return String.format(Locale.ROOT, "%s-W%02d", year(monday.get(IsoFields.WEEK_BASED_YEAR)),
            monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      }
      case MONTH: {
        long m = local.getYear() * 12L + local.getMonthValue() - 1;
        long start = m - Math.floorMod(m - ANCHOR_MONTH, (long) every);
        return String.format(Locale.ROOT, "%s-%02d", year((int) Math.floorDiv(start, 12L)),
            Math.floorMod(start, 12L) + 1);
      }
      case QUARTER:
        return String.format(Locale.ROOT, "%s-Q%d", year(local.getYear()), (local.getMonthValue() + 2) / 3);
      case YEAR:
      default:
        return year(local.getYear());
    }
  }

  private static long floorTo(long v, long k) {
    return v - Math.floorMod(v, k);
  }

  private static String year(int y) {
    return String.format(Locale.ROOT, "%04d", y);
  }

  private static String minuteLabel(LocalDateTime t) {
    return String.format(Locale.ROOT, "%s-%02d-%02dT%02d:%02d", year(t.getYear()), t.getMonthValue(),
        t.getDayOfMonth(), t.getHour(), t.getMinute());
  }

  private static String dayLabel(LocalDate d) {
    return String.format(Locale.ROOT, "%s-%02d-%02d", year(d.getYear()), d.getMonthValue(), d.getDayOfMonth());
  }

  /** Epoch second of a stored value, floored; null when it is not a timestamp this bucket reads. */
  private static Long epochSecond(Object stored, boolean epochSeconds) {
    if (stored instanceof Number) {
      // A REAL is truncated to an integer first, as SQLite's CAST(x AS INTEGER) does.
      long v = stored instanceof Double || stored instanceof Float ? (long) ((Number) stored).doubleValue()
          : ((Number) stored).longValue();
      return epochSeconds ? v : Math.floorDiv(v, 1000L);
    }
    if (!(stored instanceof String)) {
      return null;
    }
    Matcher m = ISO.matcher((String) stored);
    if (!m.matches()) {
      return null;
    }
    try {
      LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
          Integer.parseInt(m.group(3)));
      int h = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
      int min = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
      int s = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
      LocalDateTime t = date.atTime(h, min, s);
      ZoneOffset offset = m.group(7) == null || "Z".equals(m.group(7)) ? ZoneOffset.UTC
          : ZoneOffset.of(m.group(7));
      return t.toEpochSecond(offset);
    } catch (DateTimeException | NumberFormatException e) {
      return null;
    }
  }
}
