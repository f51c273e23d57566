package io.sqlitekit.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.Lookup;
import io.sqlitekit.spi.error.QueryParseException;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LookupParamsTest {
  private static final TableDef USERS = TableDef.of("users", Column.text("id").primaryKey(), Column.text("name"));
  private static final TableDef TASKS = TableDef.of("tasks", Column.text("id").primaryKey(), Column.text("ownerId"));
  private static final Lookup AUTHOR = Lookup.one("author", USERS, "authorId", "id").select("name");
  private static final Lookup TASKS_OF = Lookup.many("tasks", TASKS, "id", "ownerId");
  private static final LookupParams PARAMS = LookupParams.of(AUTHOR, TASKS_OF);

  @Test
  void commaListAndRepeats_pickAllowedLookupsInOrder_restGoesToTheParser() {
    LookupParams.Split split = PARAMS.split("populate=tasks,%20author&name=x&limit=5");
    assertEquals(List.of(TASKS_OF, AUTHOR), split.lookups());
    assertEquals(Map.of("name", List.of("x"), "limit", List.of("5")), split.rest());
    ParsedQuery q = QueryParser.of(QueryOptions.defaults().withFilterField("name", FieldType.STRING))
        .parse(split.rest());
    assertEquals(5, q.limit());
    assertEquals(List.of(AUTHOR, TASKS_OF),
        PARAMS.split(Map.of("populate", List.of("author", "tasks"))).lookups());
    assertTrue(PARAMS.split("name=x").lookups().isEmpty());
  }

  @Test
  void badNames_areQueryParseExceptionsNamingTheParameter() {
    for (String bad : List.of("populate=nope", "populate=", "populate=author,,tasks", "populate=author&populate=author",
        "populate=" + "x".repeat(200))) {
      QueryParseException e = assertThrows(QueryParseException.class, () -> PARAMS.split(bad), bad);
      assertEquals("populate", e.parameter(), bad);
      assertTrue(!e.getMessage().contains("nope") && !e.getMessage().contains("xxxx"), "input is not echoed: "
          + e.getMessage());
    }
  }

  @Test
  void moreThanTen_isRefused() {
    List<Lookup> many = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      many.add(Lookup.one("l" + i, USERS, "authorId", "id"));
      names.add("l" + i);
    }
    LookupParams p = LookupParams.of(many.toArray(Lookup[]::new));
    QueryParseException e = assertThrows(QueryParseException.class,
        () -> p.parse(List.of(String.join(",", names))));
    assertEquals("populate", e.parameter());
    assertEquals(10, p.parse(List.of(String.join(",", names.subList(0, 10)))).size());
    assertThrows(IllegalArgumentException.class, () -> LookupParams.of(AUTHOR, AUTHOR));
  }
}
