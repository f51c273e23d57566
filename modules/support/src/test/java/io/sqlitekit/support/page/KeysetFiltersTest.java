package io.sqlitekit.support.page;

import static io.sqlitekit.spi.filter.Filters.and;
import static io.sqlitekit.spi.filter.Filters.eq;
import static io.sqlitekit.spi.filter.Filters.gt;
import static io.sqlitekit.spi.filter.Filters.isNotNull;
import static io.sqlitekit.spi.filter.Filters.isNull;
import static io.sqlitekit.spi.filter.Filters.lt;
import static io.sqlitekit.spi.filter.Filters.or;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.SortField;
import io.sqlitekit.spi.filter.And;
import io.sqlitekit.spi.filter.Eq;
import io.sqlitekit.spi.filter.Exists;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Gt;
import io.sqlitekit.spi.filter.Lt;
import io.sqlitekit.spi.filter.MatchAll;
import io.sqlitekit.spi.filter.MatchNone;
import io.sqlitekit.spi.filter.Or;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class KeysetFiltersTest {
  private static final Sort A_ID = Sort.by(SortField.asc("a"), SortField.asc("id"));
  private static final Sort DESC_A_ID = Sort.by(SortField.desc("a"), SortField.asc("id"));

  @Test
  void ascendingNonNull() {
    assertEquals(or(gt("a", 5L), and(eq("a", 5L), gt("id", 9L))), KeysetFilters.after(A_ID, List.of(5L, 9L)));
  }

  @Test
  void ascendingNullComesFirstSoEveryNonNullFollows() {
    assertEquals(or(isNotNull("a"), and(isNull("a"), gt("id", 9L))),
        KeysetFilters.after(A_ID, Arrays.asList(null, 9L)));
  }

  @Test
  void descendingNonNullIsFollowedBySmallerValuesAndTheNulls() {
    assertEquals(or(lt("a", 5L), isNull("a"), and(eq("a", 5L), gt("id", 9L))),
        KeysetFilters.after(DESC_A_ID, List.of(5L, 9L)));
  }

  @Test
  void descendingNullComesLastSoOnlyLaterNullsFollow() {
    assertEquals(and(isNull("a"), gt("id", 9L)), KeysetFilters.after(DESC_A_ID, Arrays.asList(null, 9L)));
  }

  @Test
  void singleKeyAndDescendingPrimaryKey() {
    assertEquals(gt("id", 3L), KeysetFilters.after(Sort.by(SortField.asc("id")), List.of(3L)));
    assertEquals(or(lt("id", 3L), isNull("id")), KeysetFilters.after(Sort.by(SortField.desc("id")), List.of(3L)));
  }

  private static final TableDef STRICT = TableDef.of("s", Column.integer("id").primaryKey(),
      Column.integer("a").notNull(), Column.integer("n"));

  @Test
  void tableAwareFormIsLedByARangeOnTheFirstKey() {
    Sort newestFirst = Sort.by(SortField.desc("a"), SortField.desc("id"));
    assertEquals(and(io.sqlitekit.spi.filter.Filters.lte("a", 5L), or(lt("a", 5L), and(eq("a", 5L), lt("id", 9L)))),
        KeysetFilters.after(STRICT, newestFirst, List.of(5L, 9L)));
    assertEquals(and(io.sqlitekit.spi.filter.Filters.gte("n", 5L), or(gt("n", 5L), and(eq("n", 5L), gt("id", 9L)))),
        KeysetFilters.after(STRICT, Sort.by(SortField.asc("n"), SortField.asc("id")), List.of(5L, 9L)));
    // A nullable descending key keeps its NULL branch and gets no leading range.
    assertEquals(or(lt("n", 5L), isNull("n"), and(eq("n", 5L), gt("id", 9L))),
        KeysetFilters.after(STRICT, Sort.by(SortField.desc("n"), SortField.asc("id")), List.of(5L, 9L)));
    assertEquals(lt("id", 3L), KeysetFilters.after(STRICT, Sort.by(SortField.desc("id")), List.of(3L)));
  }

  /** The table-aware form selects exactly the same rows as the portable form on random data. */
  @Test
  void tableAwareFormIsEquivalent() {
    Random rnd = new Random(7L);
    for (int round = 0; round < 2000; round++) {
      List<SortField> fields = new ArrayList<>();
      fields.add(new SortField(rnd.nextBoolean() ? "a" : "n", rnd.nextBoolean()));
      fields.add(new SortField("id", rnd.nextBoolean()));
      Sort sort = new Sort(fields);
      Object first = fields.get(0).field().equals("n") && rnd.nextInt(4) == 0 ? null : (long) rnd.nextInt(4);
      List<Object> last = Arrays.asList(first, (long) rnd.nextInt(6));
      Filter portable = KeysetFilters.after(sort, last);
      Filter shaped = KeysetFilters.after(STRICT, sort, last);
      for (int i = 0; i < 30; i++) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", (long) rnd.nextInt(6));
        row.put("a", (long) rnd.nextInt(4));
        row.put("n", rnd.nextInt(4) == 0 ? null : (long) rnd.nextInt(4));
        assertEquals(Boolean.TRUE.equals(eval(portable, row)), Boolean.TRUE.equals(eval(shaped, row)),
            () -> "sort " + sort + " last " + last + " row " + row);
      }
    }
  }

  @Test
  void rejectsMismatchedArguments() {
    assertThrows(IllegalArgumentException.class, () -> KeysetFilters.after(A_ID, List.of(1L)));
    assertThrows(IllegalArgumentException.class, () -> KeysetFilters.after(Sort.unsorted(), List.of()));
    assertThrows(NullPointerException.class, () -> KeysetFilters.after(A_ID, null));
  }

  private static final TableDef T = TableDef.of("t", Column.integer("id").primaryKey(), Column.integer("a"),
      Column.text("b"), Column.bool("c"), Column.timestamp("d"));

  /**
   * Walks random tables page by page, through real cursors, and checks the concatenated pages equal the fully
   * sorted table: every row exactly once, in order, NULLs and duplicate sort values included.
   */
  @Test
  void bruteForceWalkVisitsEveryRowExactlyOnceInOrder() {
    Random rnd = new Random(20260401L);
    List<String> optional = List.of("a", "b", "c", "d");
    for (int round = 0; round < 400; round++) {
      int n = rnd.nextInt(40);
      List<Map<String, Object>> rows = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Map<String, Object> r = new HashMap<>();
        r.put("id", (long) (i * 3 - 20));
        r.put("a", rnd.nextInt(4) == 0 ? null : (long) rnd.nextInt(3));
        r.put("b", rnd.nextInt(4) == 0 ? null : String.valueOf((char) ('x' + rnd.nextInt(3))));
        r.put("c", rnd.nextInt(3) == 0 ? null : rnd.nextBoolean());
        r.put("d", rnd.nextInt(3) == 0 ? null : Instant.ofEpochSecond(rnd.nextInt(3)));
        rows.add(r);
      }
      List<String> keys = new ArrayList<>(optional);
      Collections.shuffle(keys, rnd);
      List<SortField> fields = new ArrayList<>();
      for (String k : keys.subList(0, rnd.nextInt(keys.size() + 1))) {
        fields.add(new SortField(k, rnd.nextBoolean()));
      }
      fields.add(new SortField("id", rnd.nextBoolean()));
      Sort sort = new Sort(fields);
      int pageSize = 1 + rnd.nextInt(4);

      List<Map<String, Object>> expected = new ArrayList<>(rows);
      expected.sort(comparator(sort));
      List<Map<String, Object>> visited = new ArrayList<>();
      String cursor = null;
      for (int guard = 0; guard <= n + 1; guard++) {
        Filter f = cursor == null ? MatchAll.INSTANCE
            : KeysetFilters.after(sort, KeysetCursors.decode(cursor, T, sort));
        List<Map<String, Object>> page = new ArrayList<>();
        for (Map<String, Object> r : rows) {
          if (Boolean.TRUE.equals(eval(f, r))) {
            page.add(r);
          }
        }
        page.sort(comparator(sort));
        boolean more = page.size() > pageSize;
        page = page.subList(0, Math.min(pageSize, page.size()));
        visited.addAll(page);
        if (!more) {
          cursor = null;
          break;
        }
        cursor = KeysetCursors.encode(T, sort, page.get(page.size() - 1));
      }
      assertEquals(null, cursor, "walk did not terminate for sort " + sort);
      assertEquals(ids(expected), ids(visited), "round " + round + " sort " + sort + " page " + pageSize);
    }
  }

  private static List<Object> ids(List<Map<String, Object>> rows) {
    return rows.stream().map(r -> r.get("id")).collect(Collectors.toList());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Comparator<Map<String, Object>> comparator(Sort sort) {
    Comparator<Map<String, Object>> c = (x, y) -> 0;
    for (SortField f : sort.fields()) {
      // SQLite: NULLs first ascending, hence last descending (the whole key order is reversed).
      Comparator<Map<String, Object>> key = Comparator.comparing(r -> (Comparable) r.get(f.field()),
          Comparator.nullsFirst(Comparator.naturalOrder()));
      c = c.thenComparing(f.descending() ? key.reversed() : key);
    }
    return c;
  }

  /** Three-valued evaluation: TRUE, FALSE or null for UNKNOWN; accepts only the nodes keyset filters use. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Boolean eval(Filter f, Map<String, Object> row) {
    if (f instanceof MatchAll) {
      return true;
    } else if (f instanceof MatchNone) {
      return false;
    } else if (f instanceof Exists) {
      Exists e = (Exists) f;
      return (row.get(e.field()) != null) == e.present();
    } else if (f instanceof Eq) {
      Eq e = (Eq) f;
      Object v = row.get(e.field());
      if (e.value() == null) {
        return v == null;
      }
      return v == null ? null : v.equals(e.value());
    } else if (f instanceof Gt || f instanceof Lt || f instanceof io.sqlitekit.spi.filter.Gte
        || f instanceof io.sqlitekit.spi.filter.Lte) {
      String field = io.sqlitekit.spi.filter.FilterWalker.fieldOf(f);
      Object value = f instanceof Gt ? ((Gt) f).value() : f instanceof Lt ? ((Lt) f).value()
          : f instanceof io.sqlitekit.spi.filter.Gte ? ((io.sqlitekit.spi.filter.Gte) f).value()
          : ((io.sqlitekit.spi.filter.Lte) f).value();
      Object v = row.get(field);
      if (v == null || value == null) {
        return null;
      }
      int cmp = ((Comparable) v).compareTo(value);
      if (f instanceof Gt) {
        return cmp > 0;
      } else if (f instanceof Lt) {
        return cmp < 0;
      }
      return f instanceof io.sqlitekit.spi.filter.Gte ? cmp >= 0 : cmp <= 0;
    } else if (f instanceof And) {
      Boolean acc = true;
      for (Filter child : ((And) f).children()) {
        Boolean b = eval(child, row);
        if (Boolean.FALSE.equals(b)) {
          return false;
        }
        if (b == null) {
          acc = null;
        }
      }
      return acc;
    } else if (f instanceof Or) {
      Boolean acc = false;
      for (Filter child : ((Or) f).children()) {
        Boolean b = eval(child, row);
        if (Boolean.TRUE.equals(b)) {
          return true;
        }
        if (b == null) {
          acc = null;
        }
      }
      return acc;
    }
    throw new AssertionError("keyset filters must not use " + f.getClass().getSimpleName());
  }

  @Test
  void evaluatorIsThreeValued() {
    Map<String, Object> row = new HashMap<>();
    row.put("a", null);
    assertEquals(null, eval(gt("a", 1L), row));
    assertEquals(null, eval(and(gt("a", 1L), isNull("a")), row));
    assertTrue(eval(or(gt("a", 1L), isNull("a")), row));
  }
}
