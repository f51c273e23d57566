package io.sqlitekit.spi.compile;

import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.table.TableDef;

/**
 * Compiles a {@link Filter} into a SQL boolean expression over one table. The default compiler lives in
 * the core module; alternatives may be supplied to the kit builder.
 *
 * <p>Contract: field names are resolved against the table and quoted; every value is a bound parameter,
 * encoded by its column's codec; {@code raw} is inserted verbatim with its own parameters.
 *
 * <p>A compiler is given to the kit builder as an instance, or found by {@link java.util.ServiceLoader} and
 * selected by {@link #name()} ({@code SqliteKit.builder().filterCompiler("name")}); like a plugin, being on the
 * module path or class path never selects it by itself. Declare it with
 * {@code provides io.sqlitekit.spi.compile.FilterCompiler with …} (and in {@code META-INF/services}); two
 * discovered compilers with one name make the selection fail rather than pick one.
 *
 * <p>A compiler set on a kit renders every WHERE clause and every aggregate's HAVING. For HAVING, {@code table}
 * describes the aggregate's output rows (the table's name; the group fields with their SQL names and codecs,
 * then one column per measure named by its alias; the first column is flagged as key only because a table
 * needs one), and the expression is evaluated over those rows.
 *
 * @since 0.1.0
 */
public interface FilterCompiler {
  /**
   * Returns the name a kit selects this compiler by when it was found by {@link java.util.ServiceLoader}.
   *
   * @return the name; by default the implementing class's fully qualified name
   * @since 0.2.0
   */
  default String name() {
    return getClass().getName();
  }

  /**
   * Compiles the filter.
   *
   * @param filter the filter
   * @param table the table
   * @return the expression (for example {@code "age" > ?}); {@code 1} for a filter matching everything
   * @throws io.sqlitekit.spi.error.ValidationException on an unknown field, a value of the wrong type or
   *     a raw fragment whose placeholders do not match its parameters
   */
  SqlFragment compile(Filter filter, TableDef table);
}
