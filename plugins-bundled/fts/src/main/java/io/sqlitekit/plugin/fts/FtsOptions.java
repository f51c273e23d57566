package io.sqlitekit.plugin.fts;

import io.sqlitekit.plugin.fts.internal.FtsIndex;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the full-text index of one table is built.
 *
 * @param table the source table; null means the table of the repository the plugin is installed on (then
 *     the plugin indexes every repository it is installed on, so enable it per repository)
 * @param ftsTable the FTS5 table's name; null means {@code <table>_fts}
 * @param columns the indexed fields (property keys of the table definition), at least one; the FTS5 columns
 *     carry the source columns' SQL names, as an external-content table requires
 * @param contentRowid the source column holding the integer key the index refers to; null means the rowid
 *     (which is the INTEGER PRIMARY KEY when the table has one)
 * @param tokenize the FTS5 tokenizer specification, for example {@code unicode61 remove_diacritics 1},
 *     {@code porter unicode61} or {@code trigram}
 * @param prefix prefix-index lengths in [1, 99] (each speeds up {@code term*} queries of that length), possibly
 *     empty
 * @param autoCreate whether installing the plugin creates the FTS5 table and its triggers when missing (and
 *     fills a newly created index from the existing rows)
 * @since 0.2.0
 */
public record FtsOptions(String table, String ftsTable, List<String> columns, String contentRowid, String tokenize,
    List<Integer> prefix, boolean autoCreate) {
  /** The default tokenizer: Unicode-aware, case- and diacritic-insensitive. */
  public static final String DEFAULT_TOKENIZE = "unicode61 remove_diacritics 1";

  // Embedded in a single-quoted SQL literal: no quote can appear, so nothing can end the literal early.
  private static final Pattern TOKENIZE = Pattern.compile("[A-Za-z0-9_ .\\-\"]+");

  /**
   * Validates and copies the components.
   *
   * @throws IllegalArgumentException if no column is given, a name is not a plain SQL identifier
   *     ({@code [A-Za-z_][A-Za-z0-9_]*}), a prefix length is outside [1, 99] or the tokenizer holds other
   *     characters than letters, digits, {@code _ . - "} and spaces
   */
  public FtsOptions {
    columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
    prefix = List.copyOf(Objects.requireNonNull(prefix, "prefix"));
    Objects.requireNonNull(tokenize, "tokenize");
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("fts: at least one column is required");
    }
    if (table != null) {
      requireIdentifier(table, "source table");
    }
    if (ftsTable != null) {
      requireIdentifier(ftsTable, "fts table");
    }
    if (contentRowid != null) {
      requireIdentifier(contentRowid, "contentRowid");
    }
    for (String c : columns) {
      requireIdentifier(c, "column");
    }
    if (columns.stream().distinct().count() != columns.size()) {
      throw new IllegalArgumentException("fts: columns must not repeat: " + columns);
    }
    for (Integer p : prefix) {
      if (p == null || p < 1 || p > 99) {
        throw new IllegalArgumentException("fts: prefix lengths must be integers in [1, 99], got " + prefix);
      }
    }
    if (tokenize.isBlank() || !TOKENIZE.matcher(tokenize).matches()) {
      throw new IllegalArgumentException("fts: invalid tokenize \"" + tokenize
          + "\": letters, digits, spaces and _ . - \" only");
    }
  }

  /**
   * Options indexing these fields of the repository's table, with the default tokenizer, no prefix index,
   * the rowid as content key, and automatic creation.
   *
   * @param columns the fields, at least one
   * @return the options
   * @throws IllegalArgumentException if no column is given or a name is invalid
   */
  public static FtsOptions of(String... columns) {
    return new FtsOptions(null, null, List.of(columns), null, DEFAULT_TOKENIZE, List.of(), true);
  }

  /**
   * Returns a copy bound to one source table (so a kit-wide plugin leaves other tables alone).
   *
   * @param name the table
   * @return the new options
   */
  public FtsOptions withTable(String name) {
    return new FtsOptions(name, ftsTable, columns, contentRowid, tokenize, prefix, autoCreate);
  }

  /**
   * Returns a copy with another FTS5 table name.
   *
   * @param name the name
   * @return the new options
   */
  public FtsOptions withFtsTable(String name) {
    return new FtsOptions(table, name, columns, contentRowid, tokenize, prefix, autoCreate);
  }

  /**
   * Returns a copy whose index refers to rows by another integer column.
   *
   * @param column the source column (its SQL name), unique and integer
   * @return the new options
   */
  public FtsOptions withContentRowid(String column) {
    return new FtsOptions(table, ftsTable, columns, column, tokenize, prefix, autoCreate);
  }

  /**
   * Returns a copy with another tokenizer.
   *
   * @param spec the FTS5 tokenizer specification
   * @return the new options
   */
  public FtsOptions withTokenize(String spec) {
    return new FtsOptions(table, ftsTable, columns, contentRowid, spec, prefix, autoCreate);
  }

  /**
   * Returns a copy with prefix indexes.
   *
   * @param lengths prefix lengths in [1, 99]
   * @return the new options
   */
  public FtsOptions withPrefix(Integer... lengths) {
    return new FtsOptions(table, ftsTable, columns, contentRowid, tokenize, List.of(lengths), autoCreate);
  }

  /**
   * Returns a copy that does or does not create the index on install.
   *
   * @param create whether to create it
   * @return the new options
   */
  public FtsOptions withAutoCreate(boolean create) {
    return new FtsOptions(table, ftsTable, columns, contentRowid, tokenize, prefix, create);
  }

  /**
   * Returns the FTS5 table name for a source table.
   *
   * @param source the source table
   * @return {@link #ftsTable()} or {@code <source>_fts}
   */
  public String ftsTableFor(String source) {
    return ftsTable != null ? ftsTable : source + "_fts";
  }

  static String requireIdentifier(String name, String what) {
    return FtsIndex.identifier(name, what);
  }
}
