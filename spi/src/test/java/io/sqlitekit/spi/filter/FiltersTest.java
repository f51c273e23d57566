package io.sqlitekit.spi.filter;

import static io.sqlitekit.spi.filter.Filters.all;
import static io.sqlitekit.spi.filter.Filters.and;
import static io.sqlitekit.spi.filter.Filters.eq;
import static io.sqlitekit.spi.filter.Filters.gt;
import static io.sqlitekit.spi.filter.Filters.none;
import static io.sqlitekit.spi.filter.Filters.not;
import static io.sqlitekit.spi.filter.Filters.or;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FiltersTest {
  @Test
  void andFlattensDropsAllAndIsAbsorbedByNone() {
    Filter a = eq("a", 1);
    Filter b = gt("b", 2);
    Filter c = eq("c", null);
    assertEquals(new And(List.of(a, b, c)), and(a, and(b, all()), c));
    assertSame(MatchNone.INSTANCE, and(a, none(), b));
    assertSame(MatchAll.INSTANCE, and());
    assertSame(a, and(all(), a));
  }

  @Test
  void orFlattensDropsNoneAndIsAbsorbedByAll() {
    Filter a = eq("a", 1);
    Filter b = gt("b", 2);
    assertEquals(new Or(List.of(a, b)), or(or(a, none()), b));
    assertSame(MatchAll.INSTANCE, or(a, all()));
    assertSame(MatchNone.INSTANCE, or());
  }

  @Test
  void notSimplifiesDoubleNegationAndConstants() {
    Filter a = eq("a", 1);
    assertSame(a, not(not(a)));
    assertSame(MatchNone.INSTANCE, not(all()));
    assertSame(MatchAll.INSTANCE, not(none()));
    assertEquals(new Not(a), not(a));
  }

  @Test
  void escapeLikeEscapesBackslashToo() {
    assertEquals("50\\% off", Filters.escapeLike("50% off"));
    assertEquals("file\\_name", Filters.escapeLike("file_name"));
    assertEquals("back\\\\slash", Filters.escapeLike("back\\slash"));
    assertEquals(new Like("name", "%back\\\\slash%", false), Filters.contains("name", "back\\slash"));
    assertEquals(new Like("name", "ab\\%%", false), Filters.startsWith("name", "ab%"));
  }

  @Test
  void inKeepsNullElementsAndIsImmutable() {
    In in = (In) Filters.in("x", Arrays.asList(1, null, 3));
    assertNull(in.values().get(1));
    assertThrows(UnsupportedOperationException.class, () -> in.values().add(4));
    List<Object> source = new ArrayList<>(List.of(1, 2));
    In copy = (In) Filters.in("x", source);
    source.add(3);
    assertEquals(2, copy.values().size(), "defensive copy");
  }

  @Test
  void recordsHaveValueEquality() {
    assertEquals(Filters.in("x", 1, 2), Filters.in("x", List.of(1, 2)));
    assertEquals(and(eq("a", 1), gt("b", 2)), and(eq("a", 1), gt("b", 2)));
  }

  @Test
  void matchBuildsConjunctionOfEqualities() {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("a", 1);
    m.put("b", null);
    assertEquals(and(eq("a", 1), eq("b", null)), Filters.match(m));
    assertSame(MatchAll.INSTANCE, Filters.match(Map.of()));
  }

  @Test
  void regexValidatesFlags() {
    assertThrows(IllegalArgumentException.class, () -> Filters.regex("f", "a", "x"));
    assertTrue(Filters.regex("f", "^AB", "i") instanceof Regex);
    assertTrue(((Regex) Filters.regex("f", "^ab", "i")).compile().matcher("ABc").find());
  }

  @Test
  void rawRejectsBlankSql() {
    assertThrows(IllegalArgumentException.class, () -> Filters.raw("  "));
    assertEquals(List.of(1), ((Raw) Filters.raw("length(name) > ?", 1)).params());
  }

  @Test
  void nullFieldIsRejected() {
    assertThrows(NullPointerException.class, () -> eq(null, 1));
    assertThrows(NullPointerException.class, () -> and((Filter) null));
  }

  @Test
  void walkerCollectsFieldsAndFindsRaw() {
    Filter f = and(eq("a", 1), or(gt("b", 2), not(Filters.isNull("c"))), Filters.raw("1 = 1"));
    assertEquals(new LinkedHashSet<>(List.of("a", "b", "c")), FilterWalker.fields(f));
    assertTrue(FilterWalker.containsRaw(f));
    assertFalse(FilterWalker.containsRaw(eq("a", 1)));
  }

  /** The visitor must cover every permitted node; this guards against a node added without a visit method. */
  @Test
  void visitorCoversEveryPermittedSubclass() {
    Set<String> permitted = new LinkedHashSet<>();
    for (Class<?> c : Filter.class.getPermittedSubclasses()) {
      permitted.add(c.getSimpleName());
    }
    Set<String> visits = new LinkedHashSet<>();
    for (java.lang.reflect.Method m : FilterVisitor.class.getDeclaredMethods()) {
      visits.add(m.getParameterTypes()[0].getSimpleName());
    }
    assertEquals(17, permitted.size());
    assertEquals(permitted, visits);
  }
}
