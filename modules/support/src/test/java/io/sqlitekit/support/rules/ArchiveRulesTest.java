package io.sqlitekit.support.rules;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import org.junit.jupiter.api.Test;

class ArchiveRulesTest {
  private static final TableDef SOURCE = TableDef.of("orders", Column.text("id").primaryKey(),
      Column.integer("total").notNull());

  @Test
  void compatible_extraNullableDefaultedOrRowidColumns() {
    assertDoesNotThrow(() -> ArchiveRules.checkCompatible(SOURCE, TableDef.of("a", Column.integer("seq")
        .primaryKey(), Column.text("id").notNull(), Column.integer("total"), Column.timestamp("archivedAt"),
        Column.text("why").notNull().defaultValue("retention"))));
  }

  @Test
  void incompatible_refusedNamingTheField() {
    assertEquals("total", assertThrows(ValidationException.class, () -> ArchiveRules.checkCompatible(SOURCE,
        TableDef.of("a", Column.text("id").primaryKey()))).field());
    assertEquals("total", assertThrows(ValidationException.class, () -> ArchiveRules.checkCompatible(SOURCE,
        TableDef.of("a", Column.text("id").primaryKey(), Column.text("total")))).field());
    assertEquals("reason", assertThrows(ValidationException.class, () -> ArchiveRules.checkCompatible(SOURCE,
        TableDef.of("a", Column.text("id").primaryKey(), Column.integer("total"), Column.text("reason").notNull())))
        .field());
    assertEquals("archive", assertThrows(ValidationException.class,
        () -> ArchiveRules.checkCompatible(SOURCE, SOURCE)).field());
  }
}
