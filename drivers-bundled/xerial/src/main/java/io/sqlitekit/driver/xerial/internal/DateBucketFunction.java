package io.sqlitekit.driver.xerial.internal;

import io.sqlitekit.spi.DateBucket;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.support.rules.DateBucketLabels;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.sqlite.Function;

/**
 * Internal, not API, may change. The SQL function {@code sqlitekit_date_bucket(value, spec, epochSeconds)}
 * ({@link DateBucket#SQL_FUNCTION}): the label {@link DateBucketLabels#label} gives for the stored value, so the SQLite
 * kit buckets by time zone with exactly the rules of the memory kit. Values reach it as SQLite stores them:
 * INTEGER as a long, REAL as a double, TEXT as a string.
 *
 * <p>One instance per connection, used by one thread at a time (see {@link RegexpFunction}), so the parsed
 * specs need no locking.
 */
final class DateBucketFunction extends Function {
  /** SQLite's fundamental datatype codes, as {@code value_type} returns them. */
  private static final int SQLITE_INTEGER = 1;
  private static final int SQLITE_FLOAT = 2;
  private static final int SQLITE_TEXT = 3;

  private final Map<String, DateBucket> specs = new HashMap<>();

  /**
   * Registers a fresh instance on a connection.
   *
   * @param connection the sqlite-jdbc connection
   * @throws SQLException if registration fails
   */
  static void register(Connection connection) throws SQLException {
    Function.create(connection, DateBucket.SQL_FUNCTION, new DateBucketFunction(), 3, Function.FLAG_DETERMINISTIC);
  }

  @Override
  protected void xFunc() throws SQLException {
    String spec = value_text(1);
    DateBucket bucket = specs.get(spec);
    if (bucket == null) {
      try {
        bucket = DateBucket.parseSpec("value", spec);
      } catch (ValidationException e) {
        throw new SQLException(e.getMessage(), e);
      }
      if (specs.size() < 64) {
        specs.put(spec, bucket);
      }
    }
    Object v;
    switch (value_type(0)) {
      case SQLITE_INTEGER:
        v = value_long(0);
        break;
      case SQLITE_FLOAT:
        v = value_double(0);
        break;
      case SQLITE_TEXT:
        v = value_text(0);
        break;
      default:
        v = null;
        break;
    }
    String label = DateBucketLabels.label(bucket, v, value_int(2) == 1);
    if (label == null) {
      result();
    } else {
      result(label);
    }
  }
}
