package io.sqlitekit.it.diff;

import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.util.List;

/** The table both kits hold in the differential tests. */
final class DiffSchema {
  static final TableDef TABLE = TableDef.of("diff_docs",
      Column.text("id").primaryKey(),
      Column.text("s"),
      Column.text("t"),
      Column.integer("n"),
      Column.real("r"),
      Column.bool("b"),
      Column.timestamp("ts"),
      Column.enumOf("c", DiffRow.Color.class),
      Column.text("code").unique());

  /** Every field, for filters, sorts and distinct. */
  static final List<String> FIELDS = List.of("id", "s", "t", "n", "r", "b", "ts", "c", "code");

  /** Fields stored as TEXT (LIKE and regex targets). */
  static final List<String> TEXT_FIELDS = List.of("id", "s", "t", "code", "c");

  private DiffSchema() {
  }
}
