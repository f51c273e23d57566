package io.sqlitekit.spi;

import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.TableDef;
import java.util.Objects;

/**
 * One portable join of a lookup read ({@link StandardRepo#lookupPage}, {@link StandardRepo#lookupKeyset}):
 * the rows of another table whose {@code foreignField} equals the base row's {@code localField}, attached to
 * the base row under the name {@code as}.
 *
 * <p>A one-to-one lookup ({@link #one}) attaches the first matching row in primary-key order, or {@code null}
 * on a miss; a one-to-many lookup ({@link #many}) attaches every matching row in primary-key order, or an
 * empty list. Joined rows are read exactly as a direct read of the foreign table through the same kit would
 * read them: the kit's policy plugins (tenant scope, soft delete, TTL) narrow them, and the foreign table's
 * column codecs decode them. {@link #where} narrows the foreign rows only; {@link #select} projects them.
 *
 * <p>Immutable; the {@code with}-style methods return copies.
 *
 * @param as the name the joined value is attached under; unique within a read, not a base field name
 * @param from the foreign table; the kit must know it (created through the kit, or present in its database)
 * @param localField the base table's field whose value is matched
 * @param foreignField the foreign table's field matched against it
 * @param many whether every match is attached (a list) rather than the first (a row or {@code null})
 * @param select the foreign fields attached; {@link Projection#all()} for every field
 * @param where narrows the foreign rows; {@link Filters#all()} for none
 * @param context call context merged over the base call's for the foreign read only (for example a
 *     soft-delete plugin's "include deleted" flag)
 * @since 0.3.0
 */
public record Lookup(String as, TableDef from, String localField, String foreignField, boolean many,
    Projection select, Filter where, CallContext context) {
  /** The most lookups one read may carry. */
  public static final int MAX_PER_READ = 10;

  /**
   * Checks the parts that need no table: every part present and the name not blank.
   *
   * @throws ValidationException when {@code as} is blank
   */
  public Lookup {
    Objects.requireNonNull(as, "as");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(localField, "localField");
    Objects.requireNonNull(foreignField, "foreignField");
    Objects.requireNonNull(select, "select");
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(context, "context");
    if (as.isBlank()) {
      throw new ValidationException("as", "a lookup needs a non-blank name (as)");
    }
  }

  /**
   * A one-to-one lookup: the first foreign row (by primary key) with {@code foreignField = localField}, or
   * {@code null}.
   *
   * @param as the name of the joined value
   * @param from the foreign table
   * @param localField the base field
   * @param foreignField the foreign field
   * @return the lookup, projecting every foreign field, with no foreign filter
   */
  public static Lookup one(String as, TableDef from, String localField, String foreignField) {
    return new Lookup(as, from, localField, foreignField, false, Projection.all(), Filters.all(),
        CallContext.empty());
  }

  /**
   * A one-to-many lookup: every foreign row with {@code foreignField = localField}, by primary key.
   *
   * @param as the name of the joined list
   * @param from the foreign table
   * @param localField the base field
   * @param foreignField the foreign field
   * @return the lookup, projecting every foreign field, with no foreign filter
   */
  public static Lookup many(String as, TableDef from, String localField, String foreignField) {
    return new Lookup(as, from, localField, foreignField, true, Projection.all(), Filters.all(),
        CallContext.empty());
  }

  /**
   * Returns this lookup under another name (the same join attached twice, for example with another context).
   *
   * @param name the new name
   * @return the copy
   */
  public Lookup named(String name) {
    return new Lookup(name, from, localField, foreignField, many, select, where, context);
  }

  /**
   * Returns this lookup attaching only these foreign fields.
   *
   * @param fields foreign field names, at least one
   * @return the copy
   */
  public Lookup select(String... fields) {
    return new Lookup(as, from, localField, foreignField, many, Projection.include(fields), where, context);
  }

  /**
   * Returns this lookup attaching only foreign rows that also match {@code filter}.
   *
   * @param filter over the foreign table's fields
   * @return the copy
   */
  public Lookup where(Filter filter) {
    return new Lookup(as, from, localField, foreignField, many, select, filter, context);
  }

  /**
   * Returns this lookup with extra call context for its foreign read.
   *
   * @param extra merged over the base call's context
   * @return the copy
   */
  public Lookup context(CallContext extra) {
    return new Lookup(as, from, localField, foreignField, many, select, where, extra);
  }
}
