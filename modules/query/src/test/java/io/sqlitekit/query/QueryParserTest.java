package io.sqlitekit.query;

import static io.sqlitekit.spi.filter.Filters.and;
import static io.sqlitekit.spi.filter.Filters.between;
import static io.sqlitekit.spi.filter.Filters.eq;
import static io.sqlitekit.spi.filter.Filters.exists;
import static io.sqlitekit.spi.filter.Filters.gt;
import static io.sqlitekit.spi.filter.Filters.gte;
import static io.sqlitekit.spi.filter.Filters.in;
import static io.sqlitekit.spi.filter.Filters.like;
import static io.sqlitekit.spi.filter.Filters.lt;
import static io.sqlitekit.spi.filter.Filters.lte;
import static io.sqlitekit.spi.filter.Filters.ne;
import static io.sqlitekit.spi.filter.Filters.nin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.KeysetRequest;
import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.Projection;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.error.ErrorCode;
import io.sqlitekit.spi.error.QueryParseException;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QueryParserTest {
  static final QueryOptions OPTIONS = QueryOptions.defaults()
      .withFilterField("age", FieldType.INTEGER)
      .withFilterField("score", FieldType.NUMBER)
      .withFilterField("active", FieldType.BOOLEAN)
      .withFilterField("createdAt", FieldType.DATE)
      .withFilterField("name", FieldType.STRING)
      .withFilterField("role", FieldType.STRING)
      .withSortFields("createdAt", "name", "age");
  static final QueryParser PARSER = QueryParser.of(OPTIONS);

  private static Arguments filter(String query, Filter expected) {
    return Arguments.of(Named.of(query.isEmpty() ? "(empty)" : query, query), expected);
  }

  static Stream<Arguments> filters() {
    Instant day = Instant.parse("2026-04-01T00:00:00Z");
    return Stream.of(
        filter("", Filters.all()),
        filter("?", Filters.all()),
        filter("name=Ann", eq("name", "Ann")),
        filter("name[eq]=Ann", eq("name", "Ann")),
        filter("name=", eq("name", "")),
        filter("name", eq("name", "")),
        filter("name=null", eq("name", null)),
        filter("active=null", eq("active", null)),
        filter("createdAt[ne]=null", ne("createdAt", null)),
        filter("name[ne]=null", ne("name", null)),
        filter("age[ne]=3", ne("age", 3L)),
        filter("age=null", eq("age", null)),
        filter("age[gt]=18", gt("age", 18L)),
        filter("age[gte]=-5", gte("age", -5L)),
        filter("age[lt]=+7", lt("age", 7L)),
        filter("age[lte]=%2030", lte("age", 30L)),
        filter("score[gt]=1.5", gt("score", 1.5)),
        filter("score[gt]=2e3", gt("score", 2000.0)),
        filter("score[lt]=10", lt("score", 10L)),
        filter("score[lt]=.5", lt("score", 0.5)),
        filter("active=true", eq("active", true)),
        filter("active=FALSE", eq("active", false)),
        filter("active=1", eq("active", true)),
        filter("active[ne]=0", ne("active", false)),
        filter("createdAt[gte]=2026-04-01", gte("createdAt", day)),
        filter("createdAt[lt]=2026-04-01T10:15:30Z", lt("createdAt", Instant.parse("2026-04-01T10:15:30Z"))),
        filter("createdAt[lt]=2026-04-01T10:15:30.250z", lt("createdAt", Instant.parse("2026-04-01T10:15:30.250Z"))),
        filter("createdAt[lt]=2026-04-01T12:15:30%2B02:00", lt("createdAt", Instant.parse("2026-04-01T10:15:30Z"))),
        filter("createdAt[lt]=2026-04-01T12:15-02:00", lt("createdAt", Instant.parse("2026-04-01T14:15:00Z"))),
        filter("createdAt[lt]=2026-04-01T10:15", lt("createdAt", Instant.parse("2026-04-01T10:15:00Z"))),
        filter("role[in]=admin,editor", in("role", "admin", "editor")),
        filter("role[in]=admin", in("role", "admin")),
        filter("role[in]=a,,%20b", in("role", "a", "", " b")),
        filter("role[in]=null", in("role", "null")),
        filter("age[in]=1,%202%20,3", in("age", 1L, 2L, 3L)),
        filter("age[nin]=1,2", nin("age", 1L, 2L)),
        filter("age[between]=1,9", between("age", 1L, 9L)),
        filter("createdAt[between]=2026-04-01,2026-04-02",
            between("createdAt", day, Instant.parse("2026-04-02T00:00:00Z"))),
        filter("name[like]=A%25_", like("name", "A%_")),
        filter("name[contains]=50%25_off", Filters.contains("name", "50%_off")),
        filter("name[startsWith]=a\\b", Filters.startsWith("name", "a\\b")),
        filter("name[endsWith]=x", Filters.endsWith("name", "x")),
        filter("name[exists]=true", exists("name", true)),
        filter("name[exists]=0", exists("name", false)),
        filter("age[exists]=False", exists("age", false)),
        filter("name[regex]=%5EA.*z%24", Filters.regex("name", "^A.*z$")),
        filter("name=Zo%C3%AB+%E2%98%83", eq("name", "Zo\u00eb \u2603")),
        filter("name=Zo\u00eb", eq("name", "Zo\u00eb")),
        filter("name=a%26b%3Dc", eq("name", "a&b=c")),
        filter("age[gte]=1&age[lt]=9", and(gte("age", 1L), lt("age", 9L))),
        filter("role=a&age=1&role=b", and(eq("role", "a"), eq("role", "b"), eq("age", 1L))),
        filter("age[gte]=1&&page=2&", gte("age", 1L)));
  }

  @ParameterizedTest
  @MethodSource("filters")
  void parsesFilters(String query, Filter expected) {
    assertEquals(expected, PARSER.parse(query).filter());
  }

  private static Arguments error(String query, String parameter, String messagePart) {
    return Arguments.of(Named.of(query.length() > 60 ? query.substring(0, 60) + "..." : query.isEmpty() ? "(empty)"
        : query, query), parameter,
        messagePart);
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        error("unknown=1", "unknown", "not a filterable field"),
        error("search=x", "search", "not a filterable field"),
        error("populate[author]=1", "populate[author]", "not a filterable field"),
        error("=1", "", "empty field name"),
        error("[eq]=1", "[eq]", "empty field name"),
        error("age[]=1", "age[]", "empty operator"),
        error("age[foo]=1", "age[foo]", "unknown operator"),
        error("age[GT]=1", "age[GT]", "unknown operator"),
        error("age[gt][lt]=1", "age[gt][lt]", "malformed"),
        error("a[b][c]=1", "a[b][c]", "malformed"),
        error("age[=1", "age[", "malformed"),
        error("age]=1", "age]", "malformed"),
        error("age[gt]x=1", "age[gt]x", "malformed"),
        error("a]b[=1", "a]b[", "malformed"),
        error("page[gt]=1", "page[gt]", "takes no operator"),
        error("age=abc", "age", "expects an integer"),
        error("age=1.5", "age", "expects an integer"),
        error("age=", "age", "expects an integer"),
        error("age=99999999999999999999", "age", "64-bit"),
        error("age=0x10", "age", "expects an integer"),
        error("score=NaN", "score", "expects a number"),
        error("score=Infinity", "score", "expects a number"),
        error("score=1e999", "score", "outside the number range"),
        error("score=1,5", "score", "expects a number"),
        error("active=yes", "active", "expects a boolean"),
        error("active[in]=null", "active[in]", "expects a boolean"),
        error("name[exists]=maybe", "name[exists]", "expects a boolean"),
        error("createdAt=yesterday", "createdAt", "ISO-8601"),
        error("createdAt=2026-02-30", "createdAt", "ISO-8601"),
        error("createdAt=2026-04-01T25:00", "createdAt", "ISO-8601"),
        error("createdAt=1711929600", "createdAt", "ISO-8601"),
        error("createdAt[gt]=null", "createdAt[gt]", "ISO-8601"),
        error("age[gt]=null", "age[gt]", "expects an integer"),
        error("age[in]=", "age[in]", "comma-separated"),
        error("age[in]=1,x", "age[in]", "expects an integer"),
        error("age[in]=" + "1,".repeat(100) + "1", "age[in]", "more than 100 values"),
        error("age[between]=1", "age[between]", "exactly two"),
        error("age[between]=1,2,3", "age[between]", "exactly two"),
        error("age[like]=1%25", "age[like]", "needs a text field"),
        error("active[contains]=t", "active[contains]", "needs a text field"),
        error("createdAt[regex]=2026", "createdAt[regex]", "needs a text field"),
        error("name[regex]=(", "name[regex]", "not a valid regular expression"),
        error("name[regex]=" + "a".repeat(201), "name[regex]", "longer than 200"),
        error("name=" + "x".repeat(257), "name", "longer than 256"),
        error("n" + "x".repeat(300) + "=1", "n" + "x".repeat(63) + "...", "longer than 256"),
        error("page=2&page=3", "page", "more than once"),
        error("limit=5&limit=5", "limit", "more than once"),
        error("sort=age&sort=name", "sort", "more than once"),
        error("page=0", "page", "positive integer"),
        error("page=-1", "page", "positive integer"),
        error("page=1.5", "page", "positive integer"),
        error("page=", "page", "positive integer"),
        error("page=%2B1", "page", "positive integer"),
        error("page=99999999999", "page", "positive integer"),
        error("page=2147483648", "page", "must not exceed"),
        error("limit=abc", "limit", "positive integer"),
        error("limit=0", "limit", "positive integer"),
        error("limit=101", "limit", "must not exceed 100"),
        error("after=abc&page=2", "after", "cannot be combined"),
        error("after=", "after", "cursor"),
        error("after=a%2Bb", "after", "cursor"),
        error("after=" + "A".repeat(8193), "after", "cursor"),
        error("sort=", "sort", "empty entry"),
        error("sort=age,,name", "sort", "empty entry"),
        error("sort=-", "sort", "empty entry"),
        error("sort=score", "sort", "not a sortable field"),
        error("sort=age,-age", "sort", "twice"),
        error("select=", "select", "empty entry"),
        error("select=a,-b", "select", "mixes"),
        error("select=-a,b", "select", "mixes"),
        error("select=a;drop", "select", "not a selectable field"),
        error("select=a,a", "select", "twice"),
        error("name=%", "name", "two hexadecimal digits"),
        error("name=%G1", "name", "two hexadecimal digits"),
        error("name=%4", "name", "two hexadecimal digits"),
        error("name=%FF", "name", "UTF-8"),
        error("name=%C3", "name", "UTF-8"),
        error("na%ZZme=1", "na%ZZme", "two hexadecimal digits"),
        error("name=\uD800", "name", "surrogate"),
        error(String.join("&", java.util.Collections.nCopies(21, "age=1")), "age", "more than 20"));
  }

  @ParameterizedTest
  @MethodSource("errors")
  void rejectsWithTheParameterNamed(String query, String parameter, String messagePart) {
    QueryParseException e = assertThrows(QueryParseException.class, () -> PARSER.parse(query));
    assertEquals(parameter, e.parameter());
    assertEquals(ErrorCode.QUERY_PARSE_ERROR, e.code());
    assertEquals(400, e.httpStatus());
    assertTrue(e.getMessage().contains(messagePart), e.getMessage());
  }

  @Test
  void messagesNeverEchoTheSubmittedValue() {
    for (String q : new String[] {"age=secret-value", "createdAt=secret-value", "active=secret-value",
        "name[regex]=secret-value(", "age[in]=1,secret-value", "page=secret-value", "after=secret.value"}) {
      QueryParseException e = assertThrows(QueryParseException.class, () -> PARSER.parse(q));
      assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }
  }

  @Test
  void controlParametersAndDefaults() {
    ParsedQuery q = PARSER.parse("");
    assertEquals(new ParsedQuery(Filters.all(), Sort.unsorted(), Projection.all(), 1, 20, Optional.empty()), q);
    q = PARSER.parse("sort=-createdAt,+name,%2Bage&page=3&limit=100&select=name,role");
    assertEquals(Sort.parse("-createdAt,name,age"), q.sort());
    assertEquals(3, q.page());
    assertEquals(100, q.limit());
    assertEquals(Projection.include("name", "role"), q.projection());
    assertEquals(Projection.exclude("secret", "token"), PARSER.parse("select=-secret,-token").projection());
    assertEquals(Sort.parse("name,-age"), PARSER.parse("sort=name,+-age".replace("+-", "-")).sort());
    assertEquals(Sort.parse("name"), PARSER.parse("sort=+name").sort(), "'+' decodes to a space, then trimmed");
    ParsedQuery keyset = PARSER.parse("after=AbC-_9&limit=5&sort=-age");
    assertEquals(Optional.of("AbC-_9"), keyset.after());
    assertTrue(keyset.isKeyset());
    assertEquals(1, keyset.page());
  }

  @Test
  void requestHelpers() {
    ParsedQuery q = PARSER.parse("age[gte]=18&sort=-createdAt&page=2&limit=10&select=name");
    PageRequest pr = q.toPageRequest();
    assertEquals(new PageRequest(gte("age", 18L), Sort.parse("-createdAt"), 2, 10, Projection.include("name")), pr);
    assertThrows(IllegalStateException.class, q::toKeysetRequest);
    ParsedQuery k = PARSER.parse("age[gte]=18&sort=-createdAt&after=abc&limit=10");
    assertEquals(new KeysetRequest(gte("age", 18L), Sort.parse("-createdAt"), "abc", 10, Projection.all()),
        k.toKeysetRequest());
    assertThrows(IllegalStateException.class, k::toPageRequest);
    assertEquals(null, PARSER.parse("limit=7").toKeysetRequest().after(), "first keyset page");
    assertThrows(IllegalArgumentException.class,
        () -> new ParsedQuery(Filters.all(), Sort.unsorted(), Projection.all(), 2, 5, Optional.of("c")));
  }

  @Test
  void parsesDecodedParameterMaps() {
    Map<String, List<String>> params = new LinkedHashMap<>();
    params.put("role", List.of("a", "b"));
    params.put("age[gt]", List.of("3"));
    params.put("sort", List.of("name"));
    ParsedQuery q = PARSER.parse(params);
    assertEquals(and(eq("role", "a"), eq("role", "b"), gt("age", 3L)), q.filter());
    assertEquals(Sort.parse("name"), q.sort());
    params.put("page", List.of("1", "2"));
    assertEquals("page", assertThrows(QueryParseException.class, () -> PARSER.parse(params)).parameter());
    params.put("page", List.of());
    assertThrows(QueryParseException.class, () -> PARSER.parse(params));
    assertThrows(NullPointerException.class, () -> PARSER.parse(Map.of("a", Arrays.asList((String) null))));
    assertThrows(NullPointerException.class, () -> PARSER.parse((String) null));
  }

  @Test
  void respectsTheOperatorAllowList() {
    QueryParser eqOnly = QueryParser.of(OPTIONS.withOperators(Operator.EQ, Operator.IN));
    assertEquals(eq("age", 1L), eqOnly.parse("age=1").filter());
    QueryParseException e = assertThrows(QueryParseException.class, () -> eqOnly.parse("name[regex]=a"));
    assertEquals("name[regex]", e.parameter());
    assertTrue(e.getMessage().contains("[eq, in]"), e.getMessage());
    QueryParser none = QueryParser.of(OPTIONS.withOperators());
    assertEquals("age", assertThrows(QueryParseException.class, () -> none.parse("age=1")).parameter());
  }

  @Test
  void respectsLimitsFromOptions() {
    QueryParser tight = QueryParser.of(OPTIONS.withMaxFilters(2).withMaxValueLength(5).withMaxInListSize(2)
        .withMaxRegexLength(3).withDefaultLimit(3).withMaxLimit(4));
    assertEquals(3, tight.parse("").limit());
    assertEquals(4, tight.parse("limit=4").limit());
    assertThrows(QueryParseException.class, () -> tight.parse("limit=5"));
    assertThrows(QueryParseException.class, () -> tight.parse("age=1&age=2&age=3"));
    assertThrows(QueryParseException.class, () -> tight.parse("name=abcdef"));
    assertThrows(QueryParseException.class, () -> tight.parse("age[in]=1,2,3"));
    assertThrows(QueryParseException.class, () -> tight.parse("name[regex]=abcd"));
    assertEquals(Filters.regex("name", "abc"), tight.parse("name[regex]=abc").filter());
    QueryParser selective = QueryParser.of(OPTIONS.withSelectFields("name"));
    assertEquals(Projection.include("name"), selective.parse("select=name").projection());
    assertEquals("select", assertThrows(QueryParseException.class, () -> selective.parse("select=role")).parameter());
  }

  @Test
  void nothingIsFilterableOrSortableByDefault() {
    QueryParser p = QueryParser.of(QueryOptions.defaults());
    assertThrows(QueryParseException.class, () -> p.parse("id=1"));
    assertThrows(QueryParseException.class, () -> p.parse("sort=id"));
    assertEquals(20, p.parse("page=2").limit());
  }

  @Test
  void messagesQuoteTruncateAndStripSubmittedNames() {
    List<String> hostile = List.of("a\nERROR forged line", "\u001b[2J\u001b[31mred", "<script>alert(1)</script>",
        "x".repeat(10_000), "\u202etxt.exe", "sep\u2028\u2029", "(select 1)", "q\"uote\\", "nul\u0000", "\ud800lone");
    List<java.util.function.Function<String, Map<String, List<String>>>> shapes = List.of(
        h -> Map.of(h, List.of("1")),
        h -> Map.of(h + "[gt]", List.of("1")),
        h -> Map.of("age[" + h + "]", List.of("1")),
        h -> Map.of("sort", List.of(h.replace(",", ""))),
        h -> Map.of("select", List.of(h.replace(",", "").replace("-", ""))),
        h -> Map.of("age", List.of("1"), h, List.of()));
    QueryParser parser = QueryParser.of(OPTIONS.withSelectFields("name"));
    int checked = 0;
    for (String h : hostile) {
      for (var shape : shapes) {
        QueryParseException e = assertThrows(QueryParseException.class, () -> parser.parse(shape.apply(h)));
        String m = e.getMessage();
        assertFalse(m.chars().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
            || c == 0x2028 || c == 0x2029 || Character.isSurrogate((char) c)),
            () -> "unsanitized: " + m);
        assertTrue(m.length() < 400, () -> m.length() + " chars: " + m);
        assertFalse(e.parameter().chars().anyMatch(c -> Character.isISOControl(c)), e.parameter());
        assertTrue(e.parameter().length() <= io.sqlitekit.spi.error.Messages.MAX_CHARS * 6 + 3, e.parameter());
        assertFalse(e.toContract().details().get(0).path().chars().anyMatch(Character::isISOControl));
        checked++;
      }
    }
    assertEquals(hostile.size() * shapes.size(), checked);
    QueryParseException sort = assertThrows(QueryParseException.class, () -> PARSER.parse("sort=%28select%0A1%29"));
    assertEquals("\"(select\\u000a1)\" is not a sortable field; sortable fields: [createdAt, name, age]",
        sort.getMessage());
    QueryParseException longName = assertThrows(QueryParseException.class,
        () -> PARSER.parse(Map.of("y".repeat(10_000), List.of("1"))));
    assertTrue(longName.getMessage().startsWith("parameter name \"" + "y".repeat(64) + "...\" (10000 chars)"),
        longName.getMessage());
  }
}
