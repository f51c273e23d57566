package io.sqlitekit.sample.modular;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.error.RepositoryException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads the plugin names from a config file, opens the kit with exactly those plugins enabled, writes and
 * deletes a note, and prints what the enabled plugins did. Which plugins <em>can</em> be enabled is decided by
 * the jars in {@code lib/}; which <em>are</em> is decided by the config file.
 *
 * <p>Exit codes: 0 on success, 2 when the configuration cannot be satisfied (for example a listed plugin whose
 * jar is not in {@code lib/}); the kit's message goes to standard error.
 */
public final class ModularApp {
  /** Columns for both plugins the sample ships with: timestamp stamps two, soft-delete marks one. */
  static final TableDef NOTES = TableDef.of("notes",
      Column.text("id").primaryKey(),
      Column.text("title").notNull(),
      Column.timestamp("createdAt"),
      Column.timestamp("updatedAt"),
      Column.timestamp("deletedAt"));

  private ModularApp() {
  }

  /**
   * Runs the sample.
   *
   * @param args the config file (one plugin name per line, {@code #} comments) and the database file
   */
  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: ModularApp <plugins.conf> <database file>");
      System.exit(2);
    }
    System.exit(run(Path.of(args[0]), Path.of(args[1]), System.out, System.err));
  }

  /**
   * Runs the sample and returns the exit code.
   *
   * @param config the config file
   * @param db the database file
   * @param out where the report goes
   * @param err where configuration problems go
   * @return 0 on success, 2 on a configuration problem
   */
  static int run(Path config, Path db, PrintStream out, PrintStream err) {
    List<String> plugins;
    try {
      plugins = readPluginNames(config);
    } catch (IOException e) {
      err.println("cannot read config file " + config + ": " + e);
      return 2;
    }
    String url = "jdbc:sqlite:" + db;
    try (SqliteKit kit = SqliteKit.builder().url(url).plugins(plugins.toArray(new String[0])).build()) {
      out.println("enabled plugins: " + kit.pluginNames());
      kit.createTableIfNotExists(NOTES);
      StandardRepo<Map<String, Object>, Object> notes = kit.documents(NOTES);
      String id = UUID.randomUUID().toString();
      Map<String, Object> note = new LinkedHashMap<>();
      note.put("id", id);
      note.put("title", "hello");
      Map<String, Object> created = notes.create(note);
      out.println("createdAt stamped: " + (created.get("createdAt") != null));
      out.println("deleted: " + notes.delete(id));
      out.println("visible after delete: " + notes.count(Filters.eq("id", id)));
    } catch (RepositoryException e) {
      err.println("sqlitekit: " + e.getMessage());
      return 2;
    }
    // A second kit with no plugins sees the table as stored: a soft-deleted row is still there.
    try (SqliteKit raw = SqliteKit.open(url)) {
      out.println("stored after delete: " + raw.documents(NOTES).count(Filters.isNotNull("deletedAt"))
          + " marked deleted, " + raw.documents(NOTES).count(Filters.all()) + " in total");
    }
    return 0;
  }

  /**
   * Reads plugin names: one per line; blank lines and lines starting with {@code #} are ignored.
   *
   * @param config the file
   * @return the names in file order
   * @throws IOException if the file cannot be read
   */
  static List<String> readPluginNames(Path config) throws IOException {
    List<String> names = new ArrayList<>();
    for (String line : Files.readAllLines(config, StandardCharsets.UTF_8)) {
      String name = line.strip();
      if (!name.isEmpty() && !name.startsWith("#")) {
        names.add(name);
      }
    }
    return names;
  }
}
