package io.sqlitekit.spi.table;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The one ISO-8601 format sqlitekit writes for {@link ColumnMode#TIMESTAMP_ISO} columns, and the formats it
 * reads.
 *
 * <p>Written form: {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}, always UTC and always three fraction digits, so
 * that comparing the text compares the instants ({@code Instant.toString()} drops zero fractions and would
 * sort {@code …00Z} after {@code …00.500Z}). Sub-millisecond parts are truncated.
 *
 * @since 0.1.0
 */
public final class Timestamps {
  private static final DateTimeFormatter WRITE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Timestamps() {
  }

  /**
   * Formats an instant in the canonical stored form.
   *
   * @param instant the instant
   * @return the text, for example {@code 2026-04-01T00:00:00.000Z}
   */
  public static String format(Instant instant) {
    return WRITE.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }

  /**
   * Parses ISO-8601 text: an instant with {@code Z} or an offset, a local date-time (read as UTC, with
   * {@code T} or a space between date and time, as SQLite's {@code datetime()} writes it), or a date
   * (UTC midnight).
   *
   * @param text the text
   * @return the instant
   * @throws DateTimeParseException if the text is none of these forms
   */
  public static Instant parse(String text) {
    String t = text.trim();
    if (t.length() == 10) {
      return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    if (t.length() > 10 && t.charAt(10) == ' ') {
      t = t.substring(0, 10) + 'T' + t.substring(11);
    }
    char last = t.charAt(t.length() - 1);
    if (last == 'Z' || last == 'z') {
      return Instant.parse(t.substring(0, t.length() - 1) + 'Z');
    }
    int tPos = t.indexOf('T');
    if (tPos > 0 && (t.indexOf('+', tPos) > 0 || t.indexOf('-', tPos) > 0)) {
      return OffsetDateTime.parse(t).toInstant();
    }
    return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
  }
}
