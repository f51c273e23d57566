package io.sqlitekit.spi.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.error.ValidationException;
import java.lang.invoke.MethodHandles;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowMapperTest {
  /** Public record: mapped with the public lookup. */
  public record User(String id, int age, Long score, boolean active, Instant createdAt) {
  }

  /** Package-private record: needs the caller's lookup. */
  record Hidden(String id) {
  }

  @Test
  void recordRoundTripWithNumericConversions() {
    RowMapper<User> m = RowMapper.forRecord(User.class);
    Map<String, Object> fields = new HashMap<>();
    fields.put("id", "u1");
    fields.put("age", 42L);
    fields.put("score", 7L);
    fields.put("active", 1L);
    fields.put("createdAt", Instant.EPOCH);
    User u = m.fromFields(fields);
    assertEquals(new User("u1", 42, 7L, true, Instant.EPOCH), u);
    assertEquals(List.of("id", "age", "score", "active", "createdAt"), List.copyOf(m.toFields(u).keySet()));
    assertTrue(m.nullMeansAbsent());
  }

  @Test
  void fromValuesMatchesFromFieldsForAnyLayout() {
    RowMapper<User> m = RowMapper.forRecord(User.class);
    Object[] row = {Instant.EPOCH, 7L, "u1", 42L};
    List<String> layout = List.of("createdAt", "score", "id", "age");
    User viaArray = m.fromValues(layout).apply(row);
    assertEquals(new User("u1", 42, 7L, false, Instant.EPOCH), viaArray);
    assertEquals(Map.of("id", "u1"), RowMapper.documents().fromValues(List.of("id")).apply(new Object[] {"u1"}));
  }

  @Test
  void stockMappersHandOverFreshMutableMaps() {
    RowMapper<User> records = RowMapper.forRecord(User.class);
    User u = new User("u1", 42, null, true, Instant.EPOCH);
    Map<String, Object> first = records.toFields(u);
    first.put("age", 1);
    first.remove("id");
    assertTrue(records.toFieldsReturnsFreshMap());
    assertEquals("u1", records.toFields(u).get("id"), "a change to one map shows in no later one");
    assertEquals(42, records.toFields(u).get("age"));

    Map<String, Object> doc = new HashMap<>(Map.of("id", "d1"));
    Map<String, Object> fields = RowMapper.documents().toFields(doc);
    fields.put("extra", 1);
    assertTrue(RowMapper.documents().toFieldsReturnsFreshMap());
    assertEquals(Map.of("id", "d1"), doc, "the caller's document is never the returned map");

    RowMapper<User> custom = new RowMapper<>() {
      @Override
      public Map<String, Object> toFields(User entity) {
        return Map.of("id", entity.id());
      }

      @Override
      public User fromFields(Map<String, Object> f) {
        return records.fromFields(f);
      }

      @Override
      public boolean nullMeansAbsent() {
        return true;
      }

      @Override
      public Class<User> type() {
        return User.class;
      }
    };
    assertFalse(custom.toFieldsReturnsFreshMap(), "unknown mappers are copied by default");
  }

  @Test
  void missingFieldsBecomeNullOrZero() {
    User u = RowMapper.forRecord(User.class).fromFields(Map.of("id", "u1"));
    assertEquals(new User("u1", 0, null, false, null), u);
  }

  @Test
  void overflowAndWrongTypesAreRejected() {
    RowMapper<User> m = RowMapper.forRecord(User.class);
    assertThrows(ArithmeticException.class, () -> m.fromFields(Map.of("id", "u", "age", Long.MAX_VALUE)));
    assertThrows(ValidationException.class, () -> m.fromFields(Map.of("id", 5L)));
  }

  @Test
  void nonPublicRecordNeedsALookup() {
    assertThrows(IllegalArgumentException.class, () -> RowMapper.forRecord(Hidden.class));
    RowMapper<Hidden> m = RowMapper.forRecord(Hidden.class, MethodHandles.lookup());
    assertEquals(new Hidden("x"), m.fromFields(Map.of("id", "x")));
  }

  @Test
  void documentsAreCopiedAndKeepExplicitNulls() {
    RowMapper<Map<String, Object>> m = RowMapper.documents();
    Map<String, Object> in = new HashMap<>();
    in.put("notes", null);
    Map<String, Object> out = m.fromFields(in);
    assertTrue(out.containsKey("notes"));
    assertThrows(UnsupportedOperationException.class, () -> out.put("x", 1));
    assertFalse(m.nullMeansAbsent());
  }
}
