package io.sqlitekit.query.internal;

import io.sqlitekit.query.FieldType;
import io.sqlitekit.spi.error.QueryParseException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Internal, not API, may change. Turns the text of a filter value into the Java value of its declared
 * {@link FieldType}, or fails naming the parameter (never echoing the value).
 */
final class Coercion {
  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]{1,30}");
  private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]{1,400}(\\.[0-9]{0,400})?|\\.[0-9]{1,400})"
      + "([eE][+-]?[0-9]{1,6})?");
  private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  private static final Pattern DATE_TIME = Pattern.compile(
      "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?([zZ]|[+-][0-9]{2}:[0-9]{2})?");

  private Coercion() {
  }

  static Object coerce(FieldType type, String text, String parameter) {
    switch (type) {
      case INTEGER:
        return parseLong(text.trim(), parameter, "an integer");
      case NUMBER:
        return number(text.trim(), parameter);
      case BOOLEAN:
        return bool(text, parameter);
      case DATE:
        return date(text.trim(), parameter);
      case STRING:
      default:
        return text;
    }
  }

  static boolean bool(String text, String parameter) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("true") || t.equals("1")) {
      return true;
    }
    if (t.equals("false") || t.equals("0")) {
      return false;
    }
    throw new QueryParseException(Names.display(parameter),
        "parameter " + Names.quote(parameter) + " expects a boolean (true, false, 1 or 0)");
  }

  private static long parseLong(String t, String parameter, String expected) {
    if (INTEGER.matcher(t).matches()) {
      try {
        return Long.parseLong(t);
      } catch (NumberFormatException e) {
        throw new QueryParseException(Names.display(parameter),
            "parameter " + Names.quote(parameter) + " is outside the 64-bit integer range");
      }
    }
    throw new QueryParseException(Names.display(parameter),
        "parameter " + Names.quote(parameter) + " expects " + expected);
  }

  private static Object number(String t, String parameter) {
    if (INTEGER.matcher(t).matches()) {
      return parseLong(t, parameter, "a number");
    }
    if (DECIMAL.matcher(t).matches()) {
      double d = Double.parseDouble(t);
      if (Double.isFinite(d)) {
        return d;
      }
      throw new QueryParseException(Names.display(parameter),
          "parameter " + Names.quote(parameter) + " is outside the number range");
    }
    throw new QueryParseException(Names.display(parameter),
        "parameter " + Names.quote(parameter) + " expects a number");
  }

  private static Instant date(String t, String parameter) {
    try {
      if (DATE.matcher(t).matches()) {
        return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      if (DATE_TIME.matcher(t).matches()) {
        char last = t.charAt(t.length() - 1);
        if (last == 'z' || last == 'Z' || t.lastIndexOf('+') > 10 || t.lastIndexOf('-') > 10) {
          return OffsetDateTime.parse(t.substring(0, t.length() - 1) + (last == 'z' ? 'Z' : last)).toInstant();
        }
        // No offset: read as UTC, never as the server's time zone, so results do not depend on deployment.
        return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
      }
    } catch (DateTimeException e) {
      // fall through to the common message: the shape was right but the date does not exist (2026-02-30)
    }
    throw new QueryParseException(Names.display(parameter),
        "parameter " + Names.quote(parameter)
            + " expects an ISO-8601 date (2026-04-01) or instant (2026-04-01T10:15:30Z)");
  }
}
