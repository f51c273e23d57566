package io.sqlitekit.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.KeysetPage;
import io.sqlitekit.spi.KeysetRequest;
import io.sqlitekit.spi.OffsetPage;
import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.Projection;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.StreamOptions;
import io.sqlitekit.spi.error.InvalidCursorException;
import io.sqlitekit.spi.error.QueryParseException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class MemoryPagingTest {
  private static final TableDef ITEMS = TableDef.of("items", Column.text("id").primaryKey(), Column.integer("rank"),
      Column.text("label"));

  private static MemoryRepository<Map<String, Object>, Object> items(int n) {
    MemoryRepository<Map<String, Object>, Object> repo = MemoryKit.create().documents(ITEMS);
    Random rnd = new Random(42);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> m = new HashMap<>();
      m.put("id", String.format("k%04d", rnd.nextInt(1_000_000)) + "-" + i);
      // Many duplicates and about one row in seven with NULL.
      m.put("rank", rnd.nextInt(7) == 0 ? null : (Object) (long) rnd.nextInt(20));
      m.put("label", rnd.nextInt(5) == 0 ? null : "L" + rnd.nextInt(3));
      rows.add(m);
    }
    repo.createMany(rows);
    return repo;
  }

  @Test
  void offsetPages_firstMiddleLastPastEnd() {
    MemoryRepository<Map<String, Object>, Object> repo = items(45);
    OffsetPage<Map<String, Object>> first = repo.getAll(PageRequest.of(1, 20));
    assertEquals(20, first.items().size());
    assertEquals(45, first.total());
    assertEquals(3, first.pages());
    assertTrue(first.hasNext());
    assertFalse(first.hasPrev());
    OffsetPage<Map<String, Object>> middle = repo.getAll(PageRequest.of(2, 20));
    assertTrue(middle.hasNext() && middle.hasPrev());
    OffsetPage<Map<String, Object>> last = repo.getAll(PageRequest.of(3, 20));
    assertEquals(5, last.items().size());
    assertFalse(last.hasNext());
    OffsetPage<Map<String, Object>> past = repo.getAll(PageRequest.of(9, 20));
    assertEquals(0, past.items().size());
    assertEquals(45, past.total());
    Set<Object> seen = new HashSet<>();
    Stream.of(first, middle, last).forEach(p -> p.items().forEach(m -> assertTrue(seen.add(m.get("id")))));
    assertEquals(45, seen.size());
    assertEquals(20, repo.getAll(PageRequest.first()).limit());
  }

  @Test
  void offsetPage_empty_hasZeroPages() {
    OffsetPage<Map<String, Object>> p = items(0).getAll(PageRequest.first());
    assertEquals(0, p.pages());
    assertEquals(0, p.total());
    assertFalse(p.hasNext());
  }

  @Test
  void limitAboveMaximum_isQueryParseError() {
    QueryParseException e = assertThrows(QueryParseException.class, () -> items(1).getAll(PageRequest.of(1, 1001)));
    assertEquals("limit", e.parameter());
    MemoryRepository<Map<String, Object>, Object> small = MemoryKit.builder().maxPageLimit(5).build().documents(ITEMS);
    assertThrows(QueryParseException.class, () -> small.getAll(PageRequest.of(1, 6)));
    assertThrows(QueryParseException.class, () -> small.getAll(KeysetRequest.first(Sort.unsorted(), 6)));
  }

  @Test
  void offsetPage_sortIsMadeTotal() {
    MemoryRepository<Map<String, Object>, Object> repo = items(200);
    List<Object> walked = new ArrayList<>();
    for (int page = 1; page <= 10; page++) {
      repo.getAll(PageRequest.of(page, 20).withSort(Sort.parse("rank"))).items().forEach(m -> walked.add(m.get("id")));
    }
    assertEquals(200, new HashSet<>(walked).size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"rank", "-rank", "label,-rank", "-label,rank"})
  void keysetWalk_over1000Rows_seesEveryRowOnce(String sort) {
    MemoryRepository<Map<String, Object>, Object> repo = items(1000);
    Sort s = Sort.parse(sort);
    List<Object> expected = repo.findAll(Filters.all(), io.sqlitekit.spi.FindOptions.defaults()
        .withSort(s.total("id"))).stream().map(m -> m.get("id"))
        .collect(Collectors.toList());
    List<Object> walked = new ArrayList<>();
    KeysetRequest req = KeysetRequest.first(s, 37);
    int pages = 0;
    while (true) {
      KeysetPage<Map<String, Object>> page = repo.getAll(req);
      page.items().forEach(m -> walked.add(m.get("id")));
      pages++;
      if (!page.hasMore()) {
        break;
      }
      req = req.after(page.nextCursor());
    }
    assertEquals(expected, walked);
    assertEquals(28, pages);
  }

  @Test
  void keyset_emptyAndProjection_andBadCursor() {
    MemoryRepository<Map<String, Object>, Object> repo = items(3);
    KeysetPage<Map<String, Object>> none = repo.getAll(KeysetRequest.first(Sort.unsorted(), 5)
        .withFilter(Filters.none()));
    assertEquals(0, none.items().size());
    assertNull(none.nextCursor());
    KeysetPage<Map<String, Object>> p = repo.getAll(KeysetRequest.first(Sort.parse("rank"), 2)
        .withProjection(Projection.include("label")));
    assertEquals(Set.of("id", "label"), p.items().get(0).keySet());
    assertThrows(InvalidCursorException.class, () -> repo.getAll(KeysetRequest.first(Sort.parse("rank"), 2)
        .after("garbage!")));
    assertThrows(InvalidCursorException.class, () -> repo.getAll(KeysetRequest.first(Sort.parse("-rank"), 2)
        .after(p.nextCursor())));
  }

  @Test
  void stream_seesEveryMatchingRowOnce_inOrder() {
    MemoryRepository<Map<String, Object>, Object> repo = items(1000);
    Sort s = Sort.parse("-rank");
    List<Object> expected = repo.findAll(Filters.isNotNull("label"), io.sqlitekit.spi.FindOptions.defaults()
        .withSort(s.total("id"))).stream().map(m -> m.get("id"))
        .collect(Collectors.toList());
    try (Stream<Map<String, Object>> st = repo.stream(Filters.isNotNull("label"),
        StreamOptions.defaults().withSort(s).withBatchSize(64))) {
      assertEquals(expected, st.map(m -> m.get("id")).collect(Collectors.toList()));
    }
  }
}
