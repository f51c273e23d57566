package io.sqlitekit.spi.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.error.ValidationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ColumnCodecTest {
  enum Role { ADMIN, READER }

  @Test
  void booleanIsStoredAsZeroOrOne() {
    Column c = Column.bool("active");
    assertEquals(1L, c.toSql(true, null));
    assertEquals(0L, c.toSql(false, null));
    assertEquals(true, c.fromSql(1L, null));
    assertEquals(false, c.fromSql(0, null));
    assertThrows(ValidationException.class, () -> c.toSql("yes", null));
    assertThrows(ValidationException.class, () -> c.toSql(2, null));
  }

  @Test
  void isoTimestampsAlwaysHaveThreeFractionDigitsSoTextOrderIsTimeOrder() {
    Column c = Column.timestamp("createdAt");
    Instant whole = Instant.parse("2026-04-01T00:00:00Z");
    Instant half = Instant.parse("2026-04-01T00:00:00.500Z");
    String a = (String) c.toSql(whole, null);
    String b = (String) c.toSql(half, null);
    assertEquals("2026-04-01T00:00:00.000Z", a);
    assertTrue(a.compareTo(b) < 0);
    assertEquals(whole, c.fromSql(a, null));
    assertEquals("2026-04-01T00:00:00.123Z", c.toSql(Instant.parse("2026-04-01T00:00:00.123456Z"), null));
    assertEquals(whole, c.fromSql("2026-04-01 00:00:00", null), "SQLite datetime() form is read as UTC");
    assertEquals(whole, c.fromSql("2026-04-01T02:00:00+02:00", null));
    assertEquals(a, c.toSql(OffsetDateTime.parse("2026-04-01T02:00:00+02:00"), null));
    assertThrows(ValidationException.class, () -> c.toSql("not a date", null));
    assertThrows(ValidationException.class, () -> c.toSql(42L, null));
  }

  @Test
  void epochTimestamps() {
    Instant t = Instant.parse("2026-04-01T00:00:01.999Z");
    assertEquals(t.toEpochMilli(), Column.timestampMillis("t").toSql(t, null));
    assertEquals(t, Column.timestampMillis("t").fromSql(t.toEpochMilli(), null));
    assertEquals(t.getEpochSecond(), Column.timestampSeconds("t").toSql(t, null));
    assertEquals(Instant.parse("2026-04-01T00:00:01Z"), Column.timestampSeconds("t").fromSql(t.getEpochSecond(), null));
  }

  @Test
  void enumsAndUuids() {
    Column role = Column.enumOf("role", Role.class);
    assertEquals("ADMIN", role.toSql(Role.ADMIN, null));
    assertEquals("READER", role.toSql("READER", null));
    assertEquals(Role.READER, role.fromSql("READER", null));
    assertThrows(ValidationException.class, () -> role.toSql("OWNER", null));
    assertThrows(ValidationException.class, () -> role.fromSql("OWNER", null));
    Column id = Column.uuid("id");
    UUID u = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    assertEquals(u.toString(), id.toSql(u, null));
    assertEquals(u, id.fromSql(u.toString(), null));
    assertThrows(ValidationException.class, () -> id.toSql("nope", null));
  }

  @Test
  void plainColumnsAreStrict() {
    assertEquals(5L, Column.integer("n").toSql(5, null));
    assertEquals(5L, Column.integer("n").toSql(new BigDecimal("5.00"), null));
    assertThrows(ValidationException.class, () -> Column.integer("n").toSql(5.5, null));
    assertThrows(ValidationException.class, () -> Column.integer("n").toSql("5", null));
    assertEquals(2.5, Column.real("r").toSql(2.5f, null));
    assertThrows(ValidationException.class, () -> Column.text("s").toSql(5, null));
    assertArrayEquals(new byte[] {1, 2}, (byte[]) Column.blob("b").toSql(new byte[] {1, 2}, null));
    assertNull(Column.text("s").toSql(null, null));
    ValidationException e = assertThrows(ValidationException.class, () -> Column.integer("age").toSql("x", null));
    assertEquals("age", e.field());
    assertTrue(e.getMessage().contains("\"age\""));
    assertTrue(!e.getMessage().contains("x\""), "the offending value is never echoed");
  }

  @Test
  void jsonNeedsACodec() {
    Column c = Column.json("meta", Object.class);
    assertThrows(ValidationException.class, () -> c.toSql(java.util.Map.of("a", 1), null));
    io.sqlitekit.spi.json.JsonCodec fake = new io.sqlitekit.spi.json.JsonCodec() {
      @Override public String write(Object value) { return "{\"a\":1}"; }
      @Override public Object read(String json, java.lang.reflect.Type type) { return java.util.Map.of("a", 1L); }
    };
    assertEquals("{\"a\":1}", c.toSql(java.util.Map.of("a", 1), fake));
    assertEquals(java.util.Map.of("a", 1L), c.fromSql("{\"a\":1}", fake));
  }

  @Test
  void modeMustFitStorageAndIdentifiersAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> new Column("x", "x", StorageClass.TEXT, ColumnMode.BOOLEAN,
        Boolean.class, false, false, false, false, null, null));
    assertThrows(IllegalArgumentException.class, () -> Column.text("bad\"name"));
    assertThrows(IllegalArgumentException.class, () -> Column.text("a;drop"));
    assertThrows(IllegalArgumentException.class, () -> Column.text("id").autoIncrement());
    assertTrue(Column.integer("id").autoIncrement().isPrimaryKey());
  }
}
