package io.sqlitekit.support.rules;

import io.sqlitekit.spi.Capabilities;
import io.sqlitekit.spi.error.Messages;
import io.sqlitekit.spi.error.ReadOnlyException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.util.Locale;
import java.util.Objects;

/**
 * The rule that makes a view ({@link TableDef#isView()}) a read-only repository on every kit: any write
 * operation is refused with a {@link ReadOnlyException} (code {@code READ_ONLY}) when its call starts, before
 * hooks run and before any statement or transaction, so a refused call leaves no trace in the database, the
 * statement log or an audit trail.
 *
 * <p>The check keys on {@link Operation#isWrite()}, so write operations added later are refused without
 * touching this class.
 *
 * @since 0.3.0
 */
public final class ViewRules {
  private ViewRules() {
  }

  /**
   * Refuses a write operation on a view.
   *
   * @param table the table or view the call targets
   * @param operation the operation
   * @throws ReadOnlyException if the table is a view and the operation writes
   */
  public static void requireWritable(TableDef table, Operation operation) {
    Objects.requireNonNull(operation, "operation");
    if (operation.isWrite()) {
      requireWritable(table, operation.name().toLowerCase(Locale.ROOT));
    }
  }

  /**
   * Refuses a write on a view, for writes that are not a repository operation (a cross-repository batch, a
   * schema helper).
   *
   * @param table the table or view the write targets
   * @param what what was attempted, for the message
   * @throws ReadOnlyException if the table is a view
   */
  public static void requireWritable(TableDef table, String what) {
    Objects.requireNonNull(table, "table");
    if (table.isView()) {
      throw new ReadOnlyException(String.format(Locale.ROOT,
          "%s refused: %s is a read-only view; write to the table it selects from instead",
          what, Messages.quote(table.name())));
    }
  }

  /**
   * Returns what a repository over a table or view reports: a view's repository keeps only the read
   * capabilities ({@link Capabilities#readOnly()}), since every write on it is refused.
   *
   * @param table the table or view of the repository
   * @param kit what the kit supports on a table
   * @return {@code kit} for a table, its read capabilities for a view
   */
  public static Capabilities capabilities(TableDef table, Capabilities kit) {
    Objects.requireNonNull(kit, "kit");
    return Objects.requireNonNull(table, "table").isView() ? kit.readOnly() : kit;
  }

  /**
   * Checks a view built as a projection of a base table: the definition is a view, and each of its columns
   * is a base column with the same property key and storage class, so a value reads back the same through
   * the view as through the table.
   *
   * @param view the view definition
   * @param base the table it selects from
   * @throws ValidationException if the definition is not a view or a column does not match the base table
   */
  public static void checkProjection(TableDef view, TableDef base) {
    requireView(view);
    Objects.requireNonNull(base, "base");
    for (Column c : view.columns()) {
      Column b = base.require(c.name());
      if (b.storage() != c.storage()) {
        throw new ValidationException(c.name(), String.format(Locale.ROOT,
            "view %s: field %s is %s but %s on table %s", Messages.quote(view.name()), Messages.quote(c.name()),
            c.storage(), b.storage(), Messages.quote(base.name())));
      }
    }
  }

  /**
   * Refuses a table definition where a view definition is needed.
   *
   * @param view the definition
   * @throws ValidationException if it does not describe a view
   */
  public static void requireView(TableDef view) {
    Objects.requireNonNull(view, "view");
    if (!view.isView()) {
      throw new ValidationException(String.format(Locale.ROOT,
          "%s is a table definition; describe the view with TableDef.view(...) or asView()",
          Messages.quote(view.name())));
    }
  }
}
