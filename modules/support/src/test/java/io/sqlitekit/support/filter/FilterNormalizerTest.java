package io.sqlitekit.support.filter;

import static io.sqlitekit.spi.filter.Filters.all;
import static io.sqlitekit.spi.filter.Filters.and;
import static io.sqlitekit.spi.filter.Filters.eq;
import static io.sqlitekit.spi.filter.Filters.gt;
import static io.sqlitekit.spi.filter.Filters.none;
import static io.sqlitekit.spi.filter.Filters.or;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.And;
import io.sqlitekit.spi.filter.Exists;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.filter.Gte;
import io.sqlitekit.spi.filter.In;
import io.sqlitekit.spi.filter.Lt;
import io.sqlitekit.spi.filter.MatchAll;
import io.sqlitekit.spi.filter.MatchNone;
import io.sqlitekit.spi.filter.Nin;
import io.sqlitekit.spi.filter.Not;
import io.sqlitekit.spi.filter.Or;
import io.sqlitekit.spi.filter.Regex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FilterNormalizerTest {
  /** Known fields a, b; values must be integers; records every check. */
  private final List<String> checked = new ArrayList<>();
  private final FilterNormalizer.Fields fields = new FilterNormalizer.Fields() {
    @Override
    public void checkField(String field) {
      if (!Set.of("a", "b").contains(field)) {
        throw new ValidationException(field, "unknown field");
      }
    }

    @Override
    public void checkValue(String field, Object value) {
      checked.add(field + "=" + value);
      if (!(value instanceof Integer)) {
        throw new ValidationException(field, "not an integer");
      }
    }
  };

  private Filter n(Filter f) {
    return FilterNormalizer.normalize(f, fields);
  }

  @Test
  void patternsWithALoneSurrogate_refusedNamingTheField_wellFormedOnesPass() {
    for (Filter bad : List.of(Filters.like("a", "%\ud800%"), Filters.regex("b", "\udc00"),
        Filters.not(Filters.like("a", "x\udc00")), or(eq("a", 1), Filters.regex("a", "\ud800")))) {
      ValidationException e = assertThrows(ValidationException.class, () -> n(bad), bad.toString());
      assertTrue(e.getMessage().contains("unpaired UTF-16 surrogate"), e.getMessage());
    }
    Filter fine = Filters.like("a", "%\ud83d\ude00%");
    assertEquals(fine, n(fine));
    assertEquals(Filters.regex("b", "^\ud83d\ude00$"), n(Filters.regex("b", "^\ud83d\ude00$")));
  }

  @Test
  void nullOrderingComparisonsAndEmptyListsFold() {
    assertEquals(MatchNone.INSTANCE, n(gt("a", null)));
    assertEquals(MatchNone.INSTANCE, n(new Gte("a", null)));
    assertEquals(MatchNone.INSTANCE, n(new Lt("a", null)));
    assertEquals(MatchNone.INSTANCE, n(new In("a", List.of())));
    assertEquals(MatchNone.INSTANCE, n(new In("a", Arrays.asList(null, null))));
    assertEquals(new In("a", List.of(1, 2)), n(new In("a", Arrays.asList(1, null, 2))));
    assertEquals(MatchAll.INSTANCE, n(new Nin("a", List.of())));
    assertEquals(new Exists("a", true), n(new Nin("a", Arrays.asList((Object) null))));
    assertEquals(new Nin("a", List.of(3)), n(new Nin("a", Arrays.asList(null, 3))));
  }

  @Test
  void junctionsDropIdentitiesAbsorbAndUnwrap() {
    Filter a1 = eq("a", 1);
    Filter b2 = eq("b", 2);
    assertSame(a1, n(new And(List.of(MatchAll.INSTANCE, a1))));
    assertEquals(MatchNone.INSTANCE, n(new And(List.of(a1, MatchNone.INSTANCE, b2))));
    assertEquals(MatchAll.INSTANCE, n(new Or(List.of(a1, new Nin("b", List.of())))));
    assertSame(b2, n(new Or(List.of(gt("a", null), b2))));
    assertEquals(MatchAll.INSTANCE, n(new And(List.of())));
    assertEquals(MatchNone.INSTANCE, n(new Or(List.of())));
    assertEquals(new And(List.of(a1, b2)), n(new And(List.of(a1, new Or(List.of(none(), b2)), all()))));
  }

  @Test
  void notOfAConstantFlips() {
    assertEquals(MatchAll.INSTANCE, n(new Not(new In("a", List.of()))));
    assertEquals(MatchNone.INSTANCE, n(new Not(new Nin("a", List.of()))));
    assertEquals(new Not(eq("a", 1)), n(new Not(new And(List.of(all(), eq("a", 1))))));
  }

  @Test
  void normalInputIsReturnedAsTheSameInstance() {
    Filter f = and(eq("a", 1), or(eq("b", 2), new Not(eq("a", 3))));
    assertSame(f, n(f));
    assertEquals(List.of(), checked, "kept values are left to the caller's encoder");
  }

  @Test
  void droppedBranchesAreStillChecked() {
    ValidationException unknown = assertThrows(ValidationException.class,
        () -> n(new And(List.of(MatchNone.INSTANCE, eq("nope", 1)))));
    assertEquals("nope", unknown.field());
    ValidationException badValue = assertThrows(ValidationException.class,
        () -> n(new Or(List.of(MatchAll.INSTANCE, eq("a", "x")))));
    assertEquals("a", badValue.field());
    assertThrows(ValidationException.class, () -> n(new Not(new Or(List.of(all(), new In("b", List.of("y")))))));
    assertThrows(ValidationException.class,
        () -> n(new And(List.of(none(), new Regex("a", "(unclosed", "")))));
  }
}
