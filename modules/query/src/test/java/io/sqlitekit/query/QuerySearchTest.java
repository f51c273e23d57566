package io.sqlitekit.query;

import static io.sqlitekit.spi.filter.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.error.QueryParseException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code search=} is a full-text query only when the allow-list says so, and then it plays by its own rules. */
final class QuerySearchTest {
  private static final QueryOptions ALLOWED = QueryOptions.defaults().withFilterField("published", FieldType.BOOLEAN)
      .withSortFields("id").withSearch(true);

  @Test
  void allowed_searchComesBackWithFilterAndPaging() {
    ParsedQuery q = QueryParser.of(ALLOWED).parse("search=sqlite%20AND%20wal*&published=true&page=3&limit=10");
    assertEquals(Optional.of("sqlite AND wal*"), q.search());
    assertEquals(eq("published", true), q.filter());
    assertEquals(3, q.page());
    assertEquals(10, q.limit());
    assertEquals(Optional.empty(), QueryParser.of(ALLOWED).parse("published=true").search());
    assertEquals(Optional.of("x"), QueryParser.of(ALLOWED).parse("search=x&after=abc_-").search());
  }

  @Test
  void notAllowed_isAnUnknownField() {
    QueryParseException e = assertThrows(QueryParseException.class,
        () -> QueryParser.of(QueryOptions.defaults()).parse("search=sqlite"));
    assertTrue(e.getMessage().contains("not a filterable field"), e.getMessage());
  }

  @Test
  void badCombinations_refused() {
    QueryParser p = QueryParser.of(ALLOWED);
    assertThrows(QueryParseException.class, () -> p.parse("search=a&search=b"));
    assertThrows(QueryParseException.class, () -> p.parse("search=%20%20"));
    assertThrows(QueryParseException.class, () -> p.parse("search=a&sort=id"));
    assertThrows(QueryParseException.class, () -> p.parse("search=a&select=id"));
    assertThrows(QueryParseException.class, () -> p.parse("search=" + "a".repeat(300)));
    assertThrows(QueryParseException.class, () -> p.parse(Map.of("search[eq]", java.util.List.of("a"))));
    assertThrows(IllegalArgumentException.class,
        () -> QueryOptions.defaults().withFilterField("search", FieldType.STRING).withSearch(true));
    // Without search allowed, a field named "search" is an ordinary filter field, as before.
    assertEquals(eq("search", "x"), QueryParser.of(QueryOptions.defaults().withFilterField("search", FieldType.STRING))
        .parse("search=x").filter());
  }
}
