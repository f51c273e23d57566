package io.sqlitekit.support.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Messages drivers build from SQLite's own error text, the same on every driver. SQLite's constraint messages
 * name tables, columns and indexes from the schema, never the offending values, so they may be repeated.
 *
 * @since 0.2.0
 */
public final class SqliteMessages {
  private SqliteMessages() {
  }

  /**
   * The message of a duplicate-key failure: {@code insert into "users": duplicate key in table "users" on column
   * email} from SQLite's {@code UNIQUE constraint failed: users.email}; {@code … duplicate key on index 'ux'} for
   * an index name; a generic sentence when SQLite's text is missing or has another shape.
   *
   * @param what the attempted work
   * @param sqliteMessage SQLite's own message, or null
   * @return the message
   */
  public static String duplicateKey(String what, String sqliteMessage) {
    int colon = sqliteMessage == null ? -1 : sqliteMessage.indexOf(": ");
    if (colon < 0) {
      return String.format(Locale.ROOT, "%s: duplicate key (a UNIQUE or PRIMARY KEY constraint failed)", what);
    }
    String table = null;
    List<String> columns = new ArrayList<>();
    for (String part : sqliteMessage.substring(colon + 2).split(",")) {
      String p = part.trim();
      int dot = p.indexOf('.');
      if (dot > 0 && !p.startsWith("index ")) {
        table = p.substring(0, dot);
        columns.add(p.substring(dot + 1));
      } else {
        columns.add(p);
      }
    }
    if (table == null) {
      return String.format(Locale.ROOT, "%s: duplicate key on %s", what, String.join(", ", columns));
    }
    return String.format(Locale.ROOT, "%s: duplicate key in table \"%s\" on column%s %s", what, table,
        columns.size() == 1 ? "" : "s", String.join(", ", columns));
  }
}
