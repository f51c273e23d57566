package io.sqlitekit.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryOptionsTest {
  @Test
  void defaults() {
    QueryOptions d = QueryOptions.defaults();
    assertEquals(Map.of(), d.filterFields());
    assertEquals(Set.of(), d.sortFields());
    assertEquals(EnumSet.allOf(Operator.class), d.operators());
    assertEquals(List.of(20, 100, 20, 256, 100, 200), List.of(d.defaultLimit(), d.maxLimit(), d.maxFilters(),
        d.maxValueLength(), d.maxInListSize(), d.maxRegexLength()));
  }

  @Test
  void copyMethodsReturnNewOptionsAndKeepTheRest() {
    QueryOptions a = QueryOptions.defaults().withFilterField("age", FieldType.INTEGER).withMaxLimit(50);
    QueryOptions b = a.withFilterField("name", FieldType.STRING);
    assertEquals(Map.of("age", FieldType.INTEGER), a.filterFields());
    assertEquals(List.of("age", "name"), List.copyOf(b.filterFields().keySet()));
    assertEquals(50, b.maxLimit());
    assertThrows(UnsupportedOperationException.class, () -> b.filterFields().put("x", FieldType.STRING));
    assertThrows(UnsupportedOperationException.class, () -> b.operators().clear());
  }

  @Test
  void rejectsBadOptions() {
    QueryOptions d = QueryOptions.defaults();
    for (String reserved : QueryOptions.CONTROL_PARAMETERS) {
      assertThrows(IllegalArgumentException.class, () -> d.withFilterField(reserved, FieldType.STRING));
    }
    assertThrows(IllegalArgumentException.class, () -> d.withFilterField("", FieldType.STRING));
    assertThrows(IllegalArgumentException.class, () -> d.withFilterField("a[b]", FieldType.STRING));
    assertThrows(IllegalArgumentException.class, () -> d.withSortFields("a,b"));
    assertThrows(IllegalArgumentException.class, () -> d.withMaxLimit(0));
    assertThrows(IllegalArgumentException.class, () -> d.withMaxLimit(10));
    assertThrows(IllegalArgumentException.class, () -> d.withDefaultLimit(0));
    assertThrows(IllegalArgumentException.class, () -> d.withMaxFilters(0));
    assertThrows(IllegalArgumentException.class, () -> d.withMaxValueLength(-1));
    assertThrows(IllegalArgumentException.class, () -> d.withMaxInListSize(0));
    assertThrows(IllegalArgumentException.class, () -> d.withMaxRegexLength(0));
    assertThrows(NullPointerException.class, () -> d.withFilterField("a", null));
    assertThrows(NullPointerException.class, () -> d.withSortFields((String) null));
    assertTrue(d.withDefaultLimit(5).withMaxLimit(5).maxLimit() == 5);
  }

  @Test
  void operatorTokens() {
    for (Operator op : Operator.values()) {
      assertEquals(op, Operator.fromToken(op.token()).orElseThrow());
    }
    assertTrue(Operator.fromToken("startswith").isEmpty());
  }
}
