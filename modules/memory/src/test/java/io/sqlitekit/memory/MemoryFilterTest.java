package io.sqlitekit.memory;

import static io.sqlitekit.spi.filter.Filters.and;
import static io.sqlitekit.spi.filter.Filters.eq;
import static io.sqlitekit.spi.filter.Filters.gt;
import static io.sqlitekit.spi.filter.Filters.in;
import static io.sqlitekit.spi.filter.Filters.isNotNull;
import static io.sqlitekit.spi.filter.Filters.isNull;
import static io.sqlitekit.spi.filter.Filters.like;
import static io.sqlitekit.spi.filter.Filters.ne;
import static io.sqlitekit.spi.filter.Filters.nin;
import static io.sqlitekit.spi.filter.Filters.not;
import static io.sqlitekit.spi.filter.Filters.or;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.Capability;
import io.sqlitekit.spi.error.OperationNotSupportedException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.And;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.filter.Like;
import io.sqlitekit.spi.filter.Raw;
import io.sqlitekit.spi.filter.Regex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class MemoryFilterTest {
  private MemoryRepository<Map<String, Object>, Object> notes;
  private MemoryRepository<Fixtures.User, Long> users;

  private static Map<String, Object> note(String id, String body, Long n) {
    Map<String, Object> m = new HashMap<>();
    m.put("id", id);
    m.put("body", body);
    m.put("n", n);
    return m;
  }

  @BeforeEach
  void setUp() {
    MemoryKit kit = MemoryKit.create();
    notes = kit.documents(Fixtures.NOTES);
    notes.createMany(List.of(
        note("a", "50% off", 1L),
        note("b", "500 off", 2L),
        note("c", "file_name.txt", null),
        note("d", "fileXname.txt", 3L),
        note("e", "back\\slash", 4L),
        note("f", "Bob", null),
        note("g", "bob", 5L),
        note("h", null, 6L),
        note("i", "Élan", 7L)));
    users = Fixtures.users(kit);
  }

  private List<String> ids(Filter f) {
    return notes.findAll(f).stream().map(m -> (String) m.get("id")).collect(Collectors.toList());
  }

  @Test
  void eq_null_isNull() {
    assertEquals(List.of("c", "f"), ids(eq("n", null)));
    assertEquals(List.of("h"), ids(isNull("body")));
  }

  @Test
  void ne_excludesNullRows() {
    assertEquals(List.of("b", "d", "e", "g", "h", "i"), ids(ne("n", 1L)));
    assertEquals(List.of("a", "b", "d", "e", "g", "h", "i"), ids(ne("n", null)));
  }

  @Test
  void compare_nullValueMatchesNothing_andNotOfItMatchesEverything() {
    assertEquals(List.of(), ids(gt("n", null)));
    assertEquals(9, ids(not(gt("n", null))).size());
  }

  @Test
  void in_empty_matchesNothing_nin_empty_matchesEverything() {
    assertEquals(List.of(), ids(in("n", List.of())));
    assertEquals(9, ids(nin("n", List.of())).size());
    assertEquals(9, ids(not(in("n", List.of()))).size());
  }

  @Test
  void in_nullInsideListNeverMatchesNullRows() {
    List<Object> values = new ArrayList<>();
    values.add(null);
    values.add(1L);
    assertEquals(List.of("a"), ids(in("n", values)));
  }

  @Test
  void nin_excludesNullRows() {
    assertEquals(List.of("b", "d", "e", "g", "h", "i"), ids(nin("n", List.of(1L))));
    // NOT of an UNKNOWN stays UNKNOWN: NULL rows match neither nin nor not(nin).
    assertEquals(List.of("a"), ids(not(nin("n", List.of(1L)))));
  }

  @Test
  void comparisons_withNullRows_areUnknown_underNot() {
    assertEquals(List.of("a", "b"), ids(not(gt("n", 2L))));
    assertEquals(List.of("d", "e", "g", "h", "i"), ids(gt("n", 2L)));
  }

  @Test
  void like_escapedPercent_matchesOnlyLiteral() {
    assertEquals(List.of("a"), ids(like("body", "50\\% off")));
    assertEquals(List.of("a", "b"), ids(like("body", "50% off")));
  }

  @Test
  void like_escapedUnderscore_matchesOnlyLiteral() {
    assertEquals(List.of("c"), ids(like("body", "file\\_name.txt")));
    assertEquals(List.of("c", "d"), ids(like("body", "file_name.txt")));
  }

  @Test
  void like_backslash() {
    assertEquals(List.of("e"), ids(like("body", "back\\\\slash")));
    assertEquals(List.of("e"), ids(like("body", "%\\\\%")));
  }

  @Test
  void like_caseInsensitiveByDefault_asciiOnly() {
    assertEquals(List.of("f", "g"), ids(like("body", "bob")));
    assertEquals(List.of(), ids(like("body", "élan")));
    assertEquals(List.of("i"), ids(like("body", "Élan")));
  }

  @Test
  void like_caseSensitive_isExact() {
    assertEquals(List.of("g"), ids(new Like("body", "bob", true)));
    assertEquals(List.of("f"), ids(new Like("body", "B%", true)));
  }

  @Test
  void like_onNull_isUnknown() {
    assertEquals(List.of(), ids(and(isNull("body"), like("body", "%"))));
    assertEquals(List.of(), ids(and(isNull("body"), not(like("body", "x%")))));
  }

  @Test
  void like_onInteger_usesTextForm() {
    assertEquals(List.of("i"), ids(like("n", "7")));
  }

  @Test
  void regex_findsAnywhere_nullUnknown_flags() {
    assertEquals(List.of("c", "d"), ids(new Regex("body", "name\\.txt$", "")));
    assertEquals(List.of("f", "g"), ids(new Regex("body", "^BOB$", "i")));
    assertEquals(List.of(), ids(and(isNull("body"), not(new Regex("body", "x", "")))));
  }

  @Test
  void regex_invalid_isValidationError() {
    ValidationException e = assertThrows(ValidationException.class, () -> ids(new Regex("body", "(", "")));
    assertTrue(e.getMessage().contains("body"));
  }

  @Test
  void exists_presentAndAbsent() {
    assertEquals(List.of("c", "f"), ids(Filters.exists("n", false)));
    assertEquals(7, ids(isNotNull("n")).size());
  }

  @Test
  void nested_and_or_not() {
    Filter f = or(and(gt("n", 2L), like("body", "%o%")), eq("id", "a"));
    assertEquals(List.of("a", "g"), ids(f));
    // h: gt is TRUE but LIKE on its NULL body is UNKNOWN, so f and not(f) are both UNKNOWN for it.
    assertEquals(List.of("b", "d", "e", "i"), ids(and(not(f), isNotNull("n"))));
    assertEquals(List.of(), ids(Filters.none()));
    assertEquals(9, ids(and()).size());
    assertEquals(List.of(), ids(or()));
  }

  @Test
  void unknownField_namesFieldAndTable_evenOnEmptyTable() {
    ValidationException e = assertThrows(ValidationException.class, () -> ids(eq("nope", 1)));
    assertTrue(e.getMessage().contains("nope"));
    assertTrue(e.getMessage().contains("notes"));
    assertThrows(ValidationException.class, () -> users.count(or(eq("name", "x"), eq("missing", 1))));
    assertThrows(ValidationException.class, () -> users.count(new And(List.of(Filters.none(), eq("missing", 1)))));
  }

  @Test
  void wrongType_isValidationError() {
    assertThrows(ValidationException.class, () -> ids(eq("n", "seven")));
    assertThrows(ValidationException.class, () -> users.count(eq("active", "yes")));
    assertThrows(ValidationException.class, () -> users.count(eq("role", "OWNER")));
  }

  @Test
  void codecs_coerceFilterValues() {
    users.create(new Fixtures.User(null, "a", null, 30, true, Fixtures.Role.ADMIN,
        Instant.parse("2026-01-01T00:00:00Z"), 1.0, null));
    users.create(new Fixtures.User(null, "b", null, 40, false, Fixtures.Role.READER,
        Instant.parse("2026-02-01T00:00:00Z"), 2.0, null));
    assertEquals(1, users.count(eq("active", true)));
    assertEquals(1, users.count(eq("role", Fixtures.Role.READER)));
    assertEquals(1, users.count(eq("role", "ADMIN")));
    assertEquals(1, users.count(gt("createdAt", Instant.parse("2026-01-15T00:00:00Z"))));
    assertEquals(1, users.count(eq("score", 2)));
    assertEquals(2, users.count(in("age", List.of(30, 40L))));
  }

  @Test
  void raw_isNotSupported() {
    assertThrows(OperationNotSupportedException.class, () -> ids(new Raw("n > ?", List.of(1))));
    assertFalse(notes.capabilities().supports(Capability.RAW_FILTER));
    assertTrue(notes.capabilities().supports(Capability.REGEX_FILTER));
  }
}
