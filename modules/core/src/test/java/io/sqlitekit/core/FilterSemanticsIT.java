package io.sqlitekit.core;

import static io.sqlitekit.spi.filter.Filters.all;
import static io.sqlitekit.spi.filter.Filters.and;
import static io.sqlitekit.spi.filter.Filters.contains;
import static io.sqlitekit.spi.filter.Filters.eq;
import static io.sqlitekit.spi.filter.Filters.exists;
import static io.sqlitekit.spi.filter.Filters.gt;
import static io.sqlitekit.spi.filter.Filters.gte;
import static io.sqlitekit.spi.filter.Filters.iEq;
import static io.sqlitekit.spi.filter.Filters.in;
import static io.sqlitekit.spi.filter.Filters.like;
import static io.sqlitekit.spi.filter.Filters.likeCaseSensitive;
import static io.sqlitekit.spi.filter.Filters.lt;
import static io.sqlitekit.spi.filter.Filters.lte;
import static io.sqlitekit.spi.filter.Filters.ne;
import static io.sqlitekit.spi.filter.Filters.nin;
import static io.sqlitekit.spi.filter.Filters.none;
import static io.sqlitekit.spi.filter.Filters.not;
import static io.sqlitekit.spi.filter.Filters.or;
import static io.sqlitekit.spi.filter.Filters.raw;
import static io.sqlitekit.spi.filter.Filters.regex;
import static io.sqlitekit.spi.filter.Filters.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Or;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Every filter operator with its edge semantics, evaluated by SQLite. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilterSemanticsIT {
  static final TableDef T = TableDef.of("items", Column.text("id").primaryKey(), Column.text("name"),
      Column.integer("n"), Column.bool("flag"), Column.timestamp("at"));

  SqliteKit kit;
  SqliteRepository<Map<String, Object>, Object> repo;

  @BeforeAll
  void seed(@TempDir Path dir) {
    kit = Fixtures.builder(dir).build();
    kit.createTable(T);
    repo = kit.documents(T);
    row("1", "Bob", 1L, true, "2026-01-01T00:00:00Z");
    row("2", "bob", 2L, false, "2026-02-01T00:00:00Z");
    row("3", null, null, null, null);
    row("4", "50% off", 4L, true, null);
    row("5", "500 off", 5L, true, null);
    row("6", "file_name.txt", 6L, false, null);
    row("7", "fileXname.txt", 7L, false, null);
    row("8", "back\\slash", 8L, true, null);
    row("9", "a*b?[c]", 9L, true, null);
  }

  void row(String id, String name, Long n, Boolean flag, String at) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("name", name);
    m.put("n", n);
    m.put("flag", flag);
    m.put("at", at == null ? null : Instant.parse(at));
    repo.create(m);
  }

  @AfterAll
  void close() {
    kit.close();
  }

  String ids(Filter f) {
    return repo.findAll(f).stream().map(m -> (String) m.get("id")).collect(Collectors.joining(","));
  }

  @Test
  void equalityAndNulls() {
    assertEquals("3", ids(eq("name", null)));
    assertEquals("1", ids(eq("name", "Bob")));
    assertEquals("2,4,5,6,7,8,9", ids(ne("name", "Bob")), "ne excludes NULL rows");
    assertEquals("1,2,4,5,6,7,8,9", ids(ne("name", null)));
    assertEquals("1,4,5,8,9", ids(eq("flag", true)));
    assertEquals("2,6,7", ids(eq("flag", false)));
    assertEquals("2", ids(gt("at", Instant.parse("2026-01-15T00:00:00Z"))));
    assertEquals("", ids(gt("n", null)));
    assertEquals("", ids(lte("n", null)));
    assertEquals("8,9", ids(gte("n", 8)));
    assertEquals("1", ids(lt("n", 2)));
    assertEquals("1,2", ids(lte("n", 2)));
  }

  @Test
  void membership() {
    assertEquals("", ids(in("n", List.of())));
    assertEquals("1,2,3,4,5,6,7,8,9", ids(nin("n", List.of())));
    assertEquals("1,2", ids(in("n", 1, 2)));
    assertEquals("1", ids(in("n", Arrays.asList(1, null))), "a null in the list never matches NULL");
    assertEquals("", ids(in("n", Arrays.asList((Object) null))));
    assertEquals("4,5,6,7,8,9", ids(nin("n", 1, 2)), "non-empty nin excludes NULL rows");
    assertEquals("4,5,6,7,8,9", ids(nin("n", Arrays.asList(1, 2, null))));
  }

  @Test
  void likePatterns() {
    assertEquals("4", ids(like("name", "50\\% off")));
    assertEquals("4,5", ids(like("name", "50% off")));
    assertEquals("6", ids(like("name", "file\\_name.txt")));
    assertEquals("6,7", ids(like("name", "file_name.txt")));
    assertEquals("8", ids(like("name", "back\\\\slash")));
    assertEquals("8", ids(contains("name", "\\")));
    assertEquals("4", ids(startsWith("name", "50%")));
    assertEquals("1,2", ids(like("name", "BOB")), "default LIKE is case-insensitive");
    assertEquals("1,2", ids(iEq("name", "bOb")));
    assertEquals("", ids(likeCaseSensitive("name", "BOB")));
    assertEquals("1", ids(likeCaseSensitive("name", "B%")));
    assertEquals("2", ids(likeCaseSensitive("name", "bob")));
    assertEquals("9", ids(likeCaseSensitive("name", "a*b?[c]")), "GLOB metacharacters are literal");
    assertEquals("", ids(likeCaseSensitive("name", "a_b_[c]x")));
    assertEquals("6", ids(likeCaseSensitive("name", "file\\_name%")));
  }

  @Test
  void regexExistsAndLogic() {
    assertEquals("1,2", ids(regex("name", "^bob$", "i")));
    assertEquals("2", ids(regex("name", "^bob$")));
    assertEquals("1,2,4,5,6,7,8,9", ids(exists("name", true)));
    assertEquals("3", ids(exists("name", false)));
    assertEquals("1", ids(and(eq("flag", true), lt("n", 4))));
    assertEquals("1,3", ids(or(eq("n", 1), eq("name", null))));
    assertEquals("2,4,5,6,7,8,9", ids(not(eq("n", 1))), "NOT keeps SQL three-valued logic (NULL row excluded)");
    assertEquals("1,4", ids(and(or(eq("n", 1), eq("n", 4)), not(eq("flag", false)))));
    assertEquals("", ids(new Or(List.of())));
    assertEquals("", ids(none()));
    assertEquals("1,2,3,4,5,6,7,8,9", ids(all()));
    assertEquals("", ids(and(none(), eq("n", 1))));
  }

  @Test
  void rawFragments() {
    assertEquals("8,9", ids(raw("\"n\" > ? AND \"name\" <> '?'", 7)));
    assertEquals("2", ids(and(eq("flag", false), raw("\"n\" < ?", 3))));
    assertThrows(ValidationException.class, () -> repo.findAll(raw("\"n\" > ? AND \"n\" < ?", 1)));
  }

  @Test
  void invalidFiltersFailBeforeSql() {
    assertThrows(ValidationException.class, () -> repo.findAll(eq("missing", 1)));
    assertThrows(ValidationException.class, () -> repo.findAll(not(or(eq("n", 1), like("missing", "x")))));
    assertThrows(ValidationException.class, () -> repo.findAll(eq("n", "one")));
    assertThrows(ValidationException.class, () -> repo.findAll(eq("flag", "maybe")));
    assertThrows(ValidationException.class, () -> repo.findAll(gt("at", "not a time")));
    assertEquals(new TreeSet<>(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9")),
        new TreeSet<>(Arrays.asList(ids(all()).split(","))));
  }
}
