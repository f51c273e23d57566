package io.sqlitekit.spi.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.error.ErrorCode;
import io.sqlitekit.spi.error.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableDefTest {
  static final TableDef USERS = TableDef.of("users",
      Column.text("id").primaryKey(),
      Column.text("email").notNull().unique(),
      Column.integer("age"),
      Column.integer("version").notNull().defaultValue(0L)).withVersionField("version");

  @Test
  void lookupsAndPrimaryKey() {
    assertEquals("id", USERS.primaryKey().name());
    assertEquals(List.of("id", "email", "age", "version"), USERS.fieldNames());
    assertTrue(USERS.column("age").isPresent());
    assertEquals("version", USERS.version().orElseThrow().name());
  }

  @Test
  void unknownFieldIsAValidationErrorNamingFieldAndTable() {
    ValidationException e = assertThrows(ValidationException.class, () -> USERS.require("nope"));
    assertEquals(ErrorCode.VALIDATION_ERROR, e.code());
    assertEquals(400, e.httpStatus());
    assertTrue(e.getMessage().contains("\"nope\"") && e.getMessage().contains("\"users\""), e.getMessage());
  }

  @Test
  void structuralErrors() {
    assertThrows(IllegalArgumentException.class, () -> TableDef.of("t", Column.text("a")));
    assertThrows(IllegalArgumentException.class,
        () -> TableDef.of("t", Column.text("a").primaryKey(), Column.text("b").primaryKey()));
    assertThrows(IllegalArgumentException.class,
        () -> TableDef.of("t", Column.text("a").primaryKey(), Column.text("a")));
    assertThrows(IllegalArgumentException.class,
        () -> TableDef.of("t", Column.text("a").primaryKey(), Column.text("b").sqlName("A")));
    assertThrows(IllegalArgumentException.class,
        () -> TableDef.of("t", Column.text("a").primaryKey(), Column.text("v")).withVersionField("v"));
    assertThrows(IllegalArgumentException.class, () -> TableDef.of("x\"y", Column.text("a").primaryKey()));
  }

  @Test
  void viewFlag_survivesEveryCopy_andTablesStayTables() {
    assertFalse(USERS.isView());
    assertFalse(new TableDef("t", USERS.columns(), null).isView(), "the pre-view constructor makes a table");
    TableDef view = USERS.withName("active_users").asView();
    assertTrue(view.isView());
    assertEquals("active_users", view.name());
    assertEquals(USERS.columns(), view.columns());
    assertTrue(view.withColumn(Column.text("organizationId")).isView());
    assertTrue(view.withVersionField("version").isView());
    assertTrue(TableDef.view("v", Column.text("id").primaryKey()).isView());
    assertNotEquals(USERS.withName("active_users"), view, "a view and a table of one shape differ");
    assertThrows(IllegalArgumentException.class, () -> TableDef.view("v", Column.text("a")), "still needs a key");
  }
}
