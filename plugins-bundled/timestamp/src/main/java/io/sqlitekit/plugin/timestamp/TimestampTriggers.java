package io.sqlitekit.plugin.timestamp;

import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.ColumnMode;
import io.sqlitekit.spi.table.Identifiers;
import io.sqlitekit.spi.table.StorageClass;
import io.sqlitekit.spi.table.TableDef;
import java.util.Locale;
import java.util.Objects;

/**
 * DDL for an optional trigger that keeps {@code updatedAt} current when rows are updated by SQL that does
 * not go through a repository (a migration, a console session). Repository writes do not need it: the
 * plugin stamps them with the kit's clock. The trigger uses the database's clock.
 *
 * <p>The trigger fires after an UPDATE that left the field unchanged ({@code NEW.f IS OLD.f}, which also
 * covers a NULL old value) and writes the current time in the column's own form. It relies on SQLite's
 * default {@code recursive_triggers = OFF}.
 *
 * @since 0.1.0
 */
public final class TimestampTriggers {
  private TimestampTriggers() {
  }

  /**
   * Renders the trigger for the options' update field, named {@code <table>_set_<field>}.
   *
   * <pre>{@code
   * CREATE TRIGGER IF NOT EXISTS "users_set_updatedAt" AFTER UPDATE ON "users" FOR EACH ROW
   * WHEN NEW."updatedAt" IS OLD."updatedAt"
   * BEGIN
   *   UPDATE "users" SET "updatedAt" = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE "id" = NEW."id";
   * END;
   * }</pre>
   *
   * @param table the table
   * @param options the plugin options; the update field must be stamped
   * @return the DDL, one statement
   * @throws NullPointerException if an argument is null
   * @throws ConfigurationException if the update field is not stamped, missing or not a time column
   */
  public static String updatedAtTriggerSql(TableDef table, TimestampOptions options) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(options, "options");
    if (!options.stampUpdated()) {
      throw new ConfigurationException("timestamp plugin: no trigger for table \"" + table.name()
          + "\": the update field is not stamped");
    }
    Column c = table.column(options.updatedField()).orElseThrow(() -> new ConfigurationException(String.format(
        Locale.ROOT, "timestamp plugin: table \"%s\" has no field \"%s\"", table.name(), options.updatedField())));
    String col = Identifiers.quote(c.sqlName());
    String tbl = Identifiers.quote(table.name());
    String name = Identifiers.quote(table.name() + "_set_" + c.name());
    String pk = Identifiers.quote(table.primaryKey().sqlName());
    return "CREATE TRIGGER IF NOT EXISTS " + name + " AFTER UPDATE ON " + tbl + " FOR EACH ROW\n"
        + "WHEN NEW." + col + " IS OLD." + col + "\n"
        + "BEGIN\n"
        + "  UPDATE " + tbl + " SET " + col + " = " + nowExpression(table, c) + " WHERE " + pk + " = NEW." + pk + ";\n"
        + "END;";
  }

  private static String nowExpression(TableDef table, Column c) {
    if (c.mode() == ColumnMode.TIMESTAMP_ISO || (c.mode() == ColumnMode.PLAIN && c.storage() == StorageClass.TEXT)) {
      return "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
    }
    if (c.mode() == ColumnMode.TIMESTAMP_SECONDS) {
      return "CAST(strftime('%s', 'now') AS INTEGER)";
    }
    if (c.mode() == ColumnMode.TIMESTAMP_MILLIS
        || (c.mode() == ColumnMode.PLAIN && c.storage() == StorageClass.INTEGER)) {
      return "CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)";
    }
    throw new ConfigurationException(String.format(Locale.ROOT,
        "timestamp plugin: field \"%s\" of table \"%s\" is not a time column (%s)", c.name(), table.name(),
        c.describe()));
  }
}
