package io.sqlitekit.plugin.timestamp.internal;

import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.ColumnMode;
import io.sqlitekit.spi.table.StorageClass;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.table.Timestamps;
import java.time.Instant;
import java.util.Locale;

/**
 * Internal, not API, may change. Turns an instant into the Java value a given column accepts.
 */
final class TimeValues {
  private TimeValues() {
  }

  /**
   * Looks up a stamped column and checks that it can hold a time.
   *
   * @param table the table
   * @param field the property key
   * @param option the option naming the field, for the message
   * @return the column
   * @throws ConfigurationException if the field is missing or cannot hold a time
   */
  static Column require(TableDef table, String field, String option) {
    Column c = table.column(field).orElseThrow(() -> new ConfigurationException(String.format(Locale.ROOT,
        "timestamp plugin: table \"%s\" has no field \"%s\" (option %s); add the column or change the option",
        table.name(), field, option)));
    if (!accepts(c)) {
      throw new ConfigurationException(String.format(Locale.ROOT,
          "timestamp plugin: field \"%s\" of table \"%s\" must be a timestamp, TEXT or INTEGER column, not %s",
          field, table.name(), c.describe()));
    }
    return c;
  }

  private static boolean accepts(Column c) {
    switch (c.mode()) {
      case TIMESTAMP_ISO:
      case TIMESTAMP_MILLIS:
      case TIMESTAMP_SECONDS:
        return true;
      case PLAIN:
        return c.storage() == StorageClass.TEXT || c.storage() == StorageClass.INTEGER;
      default:
        return false;
    }
  }

  /**
   * Returns the value to write for an instant: the instant itself for timestamp columns (their codec picks
   * the stored form), ISO-8601 text for plain TEXT, epoch milliseconds for plain INTEGER.
   *
   * @param column a column accepted by {@link #require}
   * @param now the instant
   * @return the value
   */
  static Object valueFor(Column column, Instant now) {
    if (column.mode() != ColumnMode.PLAIN) {
      return now;
    }
    return column.storage() == StorageClass.TEXT ? Timestamps.format(now) : (Object) now.toEpochMilli();
  }
}
