package io.sqlitekit.support.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.SortField;
import io.sqlitekit.spi.error.ErrorCode;
import io.sqlitekit.spi.error.InvalidCursorException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KeysetCursorsTest {
  enum Role { ADMIN, USER }

  private static final Instant T = Instant.parse("2026-04-01T10:15:30.123Z");

  private static final TableDef USERS = TableDef.of("users",
      Column.text("id").primaryKey(),
      Column.text("name"),
      Column.integer("age"),
      Column.real("score"),
      Column.bool("active"),
      Column.timestamp("createdAt"),
      Column.timestampMillis("seenAt"),
      Column.timestampSeconds("bornAt"),
      Column.enumOf("role", Role.class),
      Column.uuid("ref"),
      Column.json("tags", Object.class),
      Column.blob("avatar"));

  private static final Sort BY_AGE = Sort.by(SortField.desc("age"), SortField.asc("id"));

  static Stream<Arguments> everyAllowedMode() {
    return Stream.of(
        Arguments.of(Named.of("text", "name"), "Zoë \u2603 \uD83D\uDE00 'quoted' \"x\""),
        Arguments.of(Named.of("empty text", "name"), ""),
        Arguments.of(Named.of("integer", "age"), 42L),
        Arguments.of(Named.of("integer min", "age"), Long.MIN_VALUE),
        Arguments.of(Named.of("real", "score"), -0.1),
        Arguments.of(Named.of("real infinity", "score"), Double.NEGATIVE_INFINITY),
        Arguments.of(Named.of("boolean true", "active"), true),
        Arguments.of(Named.of("boolean false", "active"), false),
        Arguments.of(Named.of("timestamp iso", "createdAt"), T),
        Arguments.of(Named.of("timestamp millis", "seenAt"), T),
        Arguments.of(Named.of("timestamp seconds", "bornAt"), Instant.ofEpochSecond(T.getEpochSecond())),
        Arguments.of(Named.of("enum", "role"), Role.ADMIN),
        Arguments.of(Named.of("uuid", "ref"), UUID.fromString("123e4567-e89b-12d3-a456-426614174000")),
        Arguments.of(Named.of("null text", "name"), null),
        Arguments.of(Named.of("null integer", "age"), null),
        Arguments.of(Named.of("null timestamp", "createdAt"), null));
  }

  @ParameterizedTest
  @MethodSource("everyAllowedMode")
  void roundTripsEveryAllowedColumnMode(String field, Object value) {
    for (boolean desc : new boolean[] {false, true}) {
      Sort sort = Sort.by(new SortField(field, desc), SortField.asc("id"));
      Map<String, Object> row = new HashMap<>();
      row.put("id", "u-1");
      row.put(field, value);
      row.put("tags", List.of("ignored"));
      String cursor = KeysetCursors.encode(USERS, sort, row);
      assertTrue(cursor.matches("[A-Za-z0-9_-]+"), cursor);
      assertEquals(Arrays.asList(value, "u-1"), KeysetCursors.decode(cursor, USERS, sort));
    }
  }

  @Test
  void roundTripsSeveralKeysAndAnIntegerPrimaryKey() {
    TableDef t = TableDef.of("events", Column.integer("id").primaryKey(), Column.timestamp("at"),
        Column.text("kind"));
    Sort sort = Sort.by(SortField.desc("at"), SortField.asc("kind"), SortField.desc("id"));
    Map<String, Object> row = new HashMap<>();
    row.put("id", 7L);
    row.put("at", T);
    String cursor = KeysetCursors.encode(t, sort, row);
    assertEquals(Arrays.asList(T, null, 7L), KeysetCursors.decode(cursor, t, sort));
  }

  @Test
  void acceptsStoredFormValuesAndTruncatesInstantsLikeTheColumn() {
    Map<String, Object> row = Map.of("id", "a", "createdAt", Instant.parse("2026-04-01T10:15:30.123456Z"));
    Sort sort = Sort.by(SortField.asc("createdAt"), SortField.asc("id"));
    assertEquals(List.of(T, "a"), KeysetCursors.decode(KeysetCursors.encode(USERS, sort, row), USERS, sort));
    Map<String, Object> intAge = Map.of("id", "a", "age", 5);
    assertEquals(List.of(5L, "a"), KeysetCursors.decode(KeysetCursors.encode(USERS, BY_AGE, intAge), USERS, BY_AGE));
  }

  @Test
  void sameRowSameCursorDifferentRowDifferentCursor() {
    String a = KeysetCursors.encode(USERS, BY_AGE, Map.of("id", "a", "age", 1L));
    assertEquals(a, KeysetCursors.encode(USERS, BY_AGE, Map.of("id", "a", "age", 1L)));
    assertNotEquals(a, KeysetCursors.encode(USERS, BY_AGE, Map.of("id", "a", "age", 2L)));
  }

  @Test
  void rejectsGarbage() {
    for (String garbage : new String[] {"", "!!!", "abc$", "a b", "....", "x", "AAAA", "AQ", "%20",
        "eyJ2IjoxfQ", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "\u00e9\u00e9\u00e9\u00e9"}) {
      InvalidCursorException e = assertThrows(InvalidCursorException.class,
          () -> KeysetCursors.decode(garbage, USERS, BY_AGE), garbage);
      assertEquals(ErrorCode.INVALID_CURSOR, e.code());
    }
    assertThrows(InvalidCursorException.class,
        () -> KeysetCursors.decode("A".repeat((1 << 20) + 4), USERS, BY_AGE));
  }

  @Test
  void rejectsPaddedAndNonCanonicalSpellings() {
    String c = KeysetCursors.encode(USERS, BY_AGE, Map.of("id", "abcd", "age", 1L));
    assertEquals(KeysetCursors.decode(c, USERS, BY_AGE), List.of(1L, "abcd"));
    String padded = c + "=".repeat((4 - c.length() % 4) % 4);
    if (!padded.equals(c)) {
      assertThrows(InvalidCursorException.class, () -> KeysetCursors.decode(padded, USERS, BY_AGE));
    }
    String standardAlphabet = Base64.getEncoder().encodeToString(Base64.getUrlDecoder().decode(c));
    if (!standardAlphabet.equals(c)) {
      assertThrows(InvalidCursorException.class, () -> KeysetCursors.decode(standardAlphabet, USERS, BY_AGE));
    }
  }

  @Test
  void rejectsEveryEditedCharacterAndEveryTruncation() {
    String c = KeysetCursors.encode(USERS, BY_AGE, Map.of("id", "user-17", "age", 30L));
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (int i = 0; i < c.length(); i++) {
      char replacement = alphabet.charAt((alphabet.indexOf(c.charAt(i)) + 1 + i % 63) % alphabet.length());
      String edited = c.substring(0, i) + replacement + c.substring(i + 1);
      InvalidCursorException e = assertThrows(InvalidCursorException.class,
          () -> KeysetCursors.decode(edited, USERS, BY_AGE), "edit at " + i);
      assertTrue(e.getMessage().contains("cursor"), e.getMessage());
    }
    for (int len = 0; len < c.length(); len++) {
      String cut = c.substring(0, len);
      assertThrows(InvalidCursorException.class, () -> KeysetCursors.decode(cut, USERS, BY_AGE), "length " + len);
    }
    assertThrows(InvalidCursorException.class, () -> KeysetCursors.decode(c + "AAAA", USERS, BY_AGE));
  }

  @Test
  void tamperedPayloadIsReportedAsTampered() {
    String c = KeysetCursors.encode(USERS, BY_AGE, Map.of("id", "user-17", "age", 30L));
    byte[] raw = Base64.getUrlDecoder().decode(c);
    raw[raw.length - 12] ^= 1; // the last byte of the age value
    String edited = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    InvalidCursorException e = assertThrows(InvalidCursorException.class,
        () -> KeysetCursors.decode(edited, USERS, BY_AGE));
    assertTrue(e.getMessage().contains("integrity"), e.getMessage());
  }

  @Test
  void rejectsCursorOfAnotherSort() {
    String c = KeysetCursors.encode(USERS, BY_AGE, Map.of("id", "a", "age", 30L));
    for (Sort other : List.of(Sort.by(SortField.asc("age"), SortField.asc("id")),
        Sort.by(SortField.desc("age"), SortField.desc("id")), Sort.by(SortField.asc("id")),
        Sort.by(SortField.desc("score"), SortField.asc("id")),
        Sort.by(SortField.desc("age"), SortField.asc("name"), SortField.asc("id")))) {
      InvalidCursorException e = assertThrows(InvalidCursorException.class,
          () -> KeysetCursors.decode(c, USERS, other), other.toString());
      assertTrue(e.getMessage().contains("sort \"-age,id\""), e.getMessage());
    }
  }

  @Test
  void rejectsCursorOfAnotherTable() {
    TableDef admins = new TableDef("admins", USERS.columns(), null);
    String c = KeysetCursors.encode(USERS, BY_AGE, Map.of("id", "a", "age", 30L));
    InvalidCursorException e = assertThrows(InvalidCursorException.class,
        () -> KeysetCursors.decode(c, admins, BY_AGE));
    assertTrue(e.getMessage().contains("table \"users\""), e.getMessage());
    assertTrue(e.getMessage().contains("\"admins\""), e.getMessage());
  }

  @Test
  void rejectsForgedPayloadsWithAValidCheck() {
    // Forged with a recomputed check: structural validation must still hold.
    assertInvalid("unsupported version", forge(2, "users", "-age,id", 2, w -> {
    }));
    assertInvalid("has 2 keys", forgeValues(BY_AGE, 1, w -> {
      w.write(1);
      w.writeBytes(longBytes(1));
    }));
    assertInvalid("does not fit field \"age\"", forgeValues(BY_AGE, 2, w -> {
      text(w, "thirty");
      text(w, "a");
    }));
    assertInvalid("does not fit field \"id\"", forgeValues(BY_AGE, 2, w -> {
      w.write(0);
      w.write(0);
    }));
    assertInvalid("unknown kind", forgeValues(BY_AGE, 2, w -> {
      w.write(9);
    }));
    assertInvalid("trailing", forgeValues(BY_AGE, 2, w -> {
      w.write(0);
      text(w, "a");
      w.write(0);
    }));
    assertInvalid("ends in the middle", forgeValues(BY_AGE, 2, w -> {
      w.write(0);
      w.write(3);
      w.writeBytes(new byte[] {0, 0, 0, 50});
      w.writeBytes("a".getBytes(StandardCharsets.UTF_8));
    }));
    Sort byRole = Sort.by(SortField.asc("role"), SortField.asc("id"));
    assertInvalid("cannot decode", forgeValues(byRole, 2, w -> {
      text(w, "SUPERUSER");
      text(w, "a");
    }));
    Sort byRef = Sort.by(SortField.asc("ref"), SortField.asc("id"));
    assertInvalid("cannot decode", forgeValues(byRef, 2, w -> {
      text(w, "not-a-uuid");
      text(w, "a");
    }));
    assertInvalid("UTF-8", forgeValues(BY_AGE, 2, w -> {
      w.write(0);
      w.write(3);
      w.writeBytes(new byte[] {0, 0, 0, 1, (byte) 0xff});
    }));
  }

  @Test
  void rejectsSortsThatCannotBeKeysets() {
    Map<String, Object> row = Map.of("id", "a");
    assertThrows(ValidationException.class,
        () -> KeysetCursors.encode(USERS, Sort.by(SortField.asc("tags"), SortField.asc("id")), row));
    ValidationException blob = assertThrows(ValidationException.class,
        () -> KeysetCursors.decode("AA", USERS, Sort.by(SortField.asc("avatar"), SortField.asc("id"))));
    assertEquals("avatar", blob.field());
    assertThrows(ValidationException.class,
        () -> KeysetCursors.encode(USERS, Sort.by(SortField.asc("nope"), SortField.asc("id")), row));
    assertThrows(IllegalArgumentException.class, () -> KeysetCursors.encode(USERS, Sort.by(SortField.asc("age")), row));
    assertThrows(IllegalArgumentException.class, () -> KeysetCursors.encode(USERS, Sort.unsorted(), row));
    assertThrows(ValidationException.class, () -> KeysetCursors.encode(USERS, BY_AGE, Map.of("age", 1L)));
    assertThrows(ValidationException.class,
        () -> KeysetCursors.encode(USERS, BY_AGE, Map.of("id", "a", "age", "not a number")));
    assertThrows(NullPointerException.class, () -> KeysetCursors.decode(null, USERS, BY_AGE));
    assertThrows(NullPointerException.class, () -> KeysetCursors.encode(USERS, BY_AGE, null));
  }

  private static void assertInvalid(String messagePart, String cursor) {
    InvalidCursorException e = assertThrows(InvalidCursorException.class, () -> decodeAny(cursor));
    assertTrue(e.getMessage().contains(messagePart), e.getMessage());
  }

  private static List<Object> decodeAny(String cursor) {
    // The forged payloads name their own sort; decode against that one so that only the values are wrong.
    byte[] raw = Base64.getUrlDecoder().decode(cursor);
    ByteBuffer b = ByteBuffer.wrap(raw);
    b.get();
    int tableLength = b.getShort() & 0xffff;
    b.position(b.position() + tableLength);
    byte[] sig = new byte[b.getShort() & 0xffff];
    b.get(sig);
    return KeysetCursors.decode(cursor, USERS, Sort.parse(new String(sig, StandardCharsets.UTF_8)));
  }

  private interface Body {
    void write(ByteArrayOutputStream w);
  }

  private static String forgeValues(Sort sort, int count, Body body) {
    return forge(1, "users", sort.toString(), count, body);
  }

  private static String forge(int version, String table, String signature, int count, Body body) {
    ByteArrayOutputStream w = new ByteArrayOutputStream();
    w.write(version);
    short16(w, table);
    short16(w, signature);
    w.write(count >>> 8);
    w.write(count);
    body.write(w);
    byte[] payload = w.toByteArray();
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("sqlitekit-keyset-cursor".getBytes(StandardCharsets.US_ASCII));
      sha.update(payload);
      w.writeBytes(Arrays.copyOf(sha.digest(), 8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(w.toByteArray());
  }

  private static void short16(ByteArrayOutputStream w, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    w.write(b.length >>> 8);
    w.write(b.length);
    w.writeBytes(b);
  }

  private static void text(ByteArrayOutputStream w, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    w.write(3);
    w.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
    w.writeBytes(b);
  }

  private static byte[] longBytes(long v) {
    return ByteBuffer.allocate(8).putLong(v).array();
  }
}
