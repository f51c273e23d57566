package io.sqlitekit.plugin.fts.internal;

import io.sqlitekit.plugin.fts.FtsOptions;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Internal, not API, may change. The checked names of one full-text index: source table, FTS5 table, the
 * indexed fields and their SQL column names (in FTS5 column order), and the source's content key.
 *
 * @param source the source table
 * @param fts the FTS5 table
 * @param fields the indexed fields
 * @param columns their SQL names, which are the FTS5 column names
 * @param key the content key as SQL ({@code rowid} or a quoted column)
 */
public record FtsIndex(String source, String fts, List<String> fields, List<String> columns, String key) {
  private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /**
   * Resolves the options against a table.
   *
   * @param table the source table
   * @param options the options
   * @return the index
   * @throws IllegalArgumentException if the options are for another table, a field is unknown or a name is
   *     not a plain identifier
   */
  public static FtsIndex of(TableDef table, FtsOptions options) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(options, "options");
    if (options.table() != null && !options.table().equals(table.name())) {
      throw new IllegalArgumentException("fts: options are for table \"" + options.table() + "\", not \""
          + table.name() + "\"");
    }
    String source = identifier(table.name(), "source table");
    String fts = identifier(options.ftsTableFor(source), "fts table");
    List<String> cols = new ArrayList<>();
    for (String field : options.columns()) {
      Column c = table.column(field).orElseThrow(() -> new IllegalArgumentException("fts: table \"" + source
          + "\" has no field \"" + field + "\""));
      cols.add(identifier(c.sqlName(), "column"));
    }
    String key = options.contentRowid() == null ? "rowid" : '"' + options.contentRowid() + '"';
    return new FtsIndex(source, fts, options.columns(), List.copyOf(cols), key);
  }

  /**
   * Returns the FTS5 column number of an indexed field.
   *
   * @param field the field
   * @return the 0-based column number, or -1 when the field is not indexed
   */
  public int columnOf(String field) {
    return fields.indexOf(field);
  }

  /**
   * Checks a name against {@code [A-Za-z_][A-Za-z0-9_]*}.
   *
   * @param name the name
   * @param what what it names, for the message
   * @return the name
   * @throws IllegalArgumentException if it does not match
   */
  public static String identifier(String name, String what) {
    if (!IDENT.matcher(name).matches()) {
      throw new IllegalArgumentException("fts: invalid " + what + " \"" + name
          + "\" (expected [A-Za-z_][A-Za-z0-9_]*)");
    }
    return name;
  }
}
