package io.sqlitekit.spi.table;

import io.sqlitekit.spi.error.Messages;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

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

  private static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");

  private Timestamps() {
  }

  /**
   * Formats an instant in the canonical stored form.
   *
   * @param instant the instant, from year 0001 to year 9999 (the years four digits hold, so that the text
   *     sorts in time order and parses back to the same instant)
   * @return the text, for example {@code 2026-04-01T00:00:00.000Z}
   * @throws IllegalArgumentException if the instant lies outside years 0001 to 9999
   */
  public static String format(Instant instant) {
    if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
      throw new IllegalArgumentException("instant outside years 0001 to 9999 cannot be written as ISO-8601 text");
    }
    return WRITE.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }

  /**
   * Looks up a column that a plugin stamps with instants (createdAt, updatedAt, deletedAt, expiresAt…) and checks
   * that it can hold one: a timestamp mode, or a plain TEXT or INTEGER column.
   *
   * @param table the table
   * @param field the property key
   * @param owner who needs the column, for the message, for example {@code "timestamp plugin (option createdField)"}
   * @return the column
   * @throws io.sqlitekit.spi.error.ConfigurationException if the field is missing or cannot hold an instant
   */
  public static Column requireTimeColumn(TableDef table, String field, String owner) {
    Column c = table.column(field).orElseThrow(() -> new io.sqlitekit.spi.error.ConfigurationException(
        String.format(Locale.ROOT, "%s: table %s has no field %s; add the column or change the option",
            owner, Messages.quote(table.name()), Messages.quote(field))));
    boolean ok;
    switch (c.mode()) {
      case TIMESTAMP_ISO:
      case TIMESTAMP_MILLIS:
      case TIMESTAMP_SECONDS:
        ok = true;
        break;
      case PLAIN:
        ok = c.storage() == StorageClass.TEXT || c.storage() == StorageClass.INTEGER;
        break;
      default:
        ok = false;
    }
    if (!ok) {
      throw new io.sqlitekit.spi.error.ConfigurationException(String.format(Locale.ROOT,
          "%s: field %s of table %s must be a timestamp, TEXT or INTEGER column, not %s",
          owner, Messages.quote(field), Messages.quote(table.name()), c.describe()));
    }
    return c;
  }

  /**
   * Returns the value to write for an instant into a column accepted by {@link #requireTimeColumn}: the instant
   * itself for timestamp modes (their codec picks the stored form), canonical ISO-8601 text for plain TEXT, epoch
   * milliseconds for plain INTEGER.
   *
   * @param column the column
   * @param instant the instant
   * @return the value to write
   */
  public static Object valueFor(Column column, Instant instant) {
    if (column.mode() != ColumnMode.PLAIN) {
      return instant;
    }
    return column.storage() == StorageClass.TEXT ? format(instant) : (Object) instant.toEpochMilli();
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
    if (t.isEmpty()) {
      throw new DateTimeParseException("empty text is not an instant", text, 0);
    }
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
