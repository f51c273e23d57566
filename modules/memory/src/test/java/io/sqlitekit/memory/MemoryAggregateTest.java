package io.sqlitekit.memory;

import static io.sqlitekit.spi.filter.Filters.eq;
import static io.sqlitekit.spi.filter.Filters.gt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sqlitekit.memory.Fixtures.Role;
import io.sqlitekit.memory.Fixtures.User;
import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.Measure;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filters;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class MemoryAggregateTest {
  private MemoryRepository<User, Long> users;

  private static User u(String name, Integer age, Role role, Double score) {
    return new User(null, name, null, age, null, role, null, score, null);
  }

  @BeforeEach
  void setUp() {
    users = Fixtures.users(MemoryKit.create());
    users.createMany(List.of(u("a", 10, Role.ADMIN, 1.5), u("b", 20, Role.READER, null), u("c", null, Role.READER, 2.0),
        u("d", 30, Role.WRITER, 4.0), u("e", 20, null, 1.0)));
  }

  private static Map<String, Object> row(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void scalar_measures_types() {
    AggregateRequest r = AggregateRequest.of("n", Measure.count()).measure("ages", Measure.count("age"))
        .measure("sum", Measure.sum("age")).measure("avg", Measure.avg("age")).measure("min", Measure.min("age"))
        .measure("max", Measure.max("name")).measure("d", Measure.countDistinct("age"))
        .measure("ssum", Measure.sum("score"));
    assertEquals(List.of(row("n", 5L, "ages", 4L, "sum", 80L, "avg", 20.0, "min", 10L, "max", "e", "d", 3L,
        "ssum", 8.5)), users.aggregate(r));
  }

  @Test
  void scalar_overZeroRows_isOneRowWithCountZeroAndNulls() {
    AggregateRequest r = AggregateRequest.of("n", Measure.count()).measure("s", Measure.sum("age"))
        .measure("a", Measure.avg("age")).measure("m", Measure.min("age")).where(gt("age", 100));
    assertEquals(List.of(row("n", 0L, "s", null, "a", null, "m", null)), users.aggregate(r));
  }

  @Test
  void grouped_sortedByGroupByDefault_nullGroupFirst_decoded() {
    AggregateRequest r = AggregateRequest.of("n", Measure.count()).groupBy("role");
    assertEquals(List.of(row("role", null, "n", 1L), row("role", Role.ADMIN, "n", 1L),
        row("role", Role.READER, "n", 2L), row("role", Role.WRITER, "n", 1L)), users.aggregate(r));
    assertEquals(List.of(), users.aggregate(r.where(gt("age", 100))));
  }

  @Test
  void having_overAliases_sort_limitOffset() {
    AggregateRequest r = AggregateRequest.of("n", Measure.count()).measure("total", Measure.sum("age"))
        .groupBy("age").having(gt("n", 0)).orderBy(Sort.parse("-n,age"));
    assertEquals(Arrays.asList(20L, null, 10L, 30L),
        users.aggregate(r).stream().map(m -> m.get("age")).collect(java.util.stream.Collectors.toList()));
    assertEquals(List.of(row("age", 20L, "n", 2L, "total", 40L)), users.aggregate(r.having(gt("n", 1))));
    assertEquals(List.of(row("age", 10L, "n", 1L, "total", 10L)), users.aggregate(r.having(gt("total", 5))
        .orderBy(Sort.parse("total")).page(1, 0)));
    assertEquals(List.of(row("age", 20L, "n", 2L, "total", 40L)), users.aggregate(r.having(gt("total", 5))
        .orderBy(Sort.parse("total")).page(1, 2)));
    assertEquals(1, users.aggregate(r.having(eq("total", null))).size());
  }

  @Test
  void unknownFields_areValidationErrors() {
    assertThrows(ValidationException.class, () -> users.aggregate(AggregateRequest.of("n", Measure.sum("nope"))));
    assertThrows(ValidationException.class,
        () -> users.aggregate(AggregateRequest.of("n", Measure.count()).groupBy("nope")));
    assertThrows(ValidationException.class,
        () -> users.aggregate(AggregateRequest.of("n", Measure.count()).having(gt("name", "x"))));
    assertThrows(ValidationException.class,
        () -> users.aggregate(AggregateRequest.of("n", Measure.count()).orderBy(Sort.parse("zzz"))));
    assertThrows(ValidationException.class,
        () -> users.aggregate(AggregateRequest.of("n", Measure.count()).where(Filters.eq("zzz", 1))));
  }
}
