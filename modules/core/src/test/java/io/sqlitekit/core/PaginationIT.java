package io.sqlitekit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.FindOptions;
import io.sqlitekit.spi.KeysetPage;
import io.sqlitekit.spi.KeysetRequest;
import io.sqlitekit.spi.OffsetPage;
import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.Projection;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.StreamOptions;
import io.sqlitekit.spi.driver.PragmaPreset;
import io.sqlitekit.spi.error.InvalidCursorException;
import io.sqlitekit.spi.error.QueryParseException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 3 acceptance on the SQLite kit: keyset walks over 1,000 rows with duplicate and NULL sort values in both
 * directions see every row exactly once and in order; offset envelopes at the first, middle, last and past-the-end
 * pages; cursor misuse is a typed error; streaming runs in constant memory (a child JVM with a 16 MB heap streams
 * more row data than fits in it).
 */
class PaginationIT {
  static final TableDef ITEMS = TableDef.of("items",
      Column.integer("id").primaryKey(),
      Column.text("label"),
      Column.integer("score"),
      Column.text("payload").notNull());

  @TempDir
  Path dir;
  SqliteKit kit;
  SqliteRepository<Map<String, Object>, Object> items;

  @BeforeEach
  void open() {
    kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("pages.db")).preset(PragmaPreset.PRODUCTION).build();
    kit.createTable(ITEMS);
    items = kit.documents(ITEMS);
    Random rnd = new Random(1234);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (long id = 1; id <= 1000; id++) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("id", id);
      // Ten duplicate-heavy values plus NULLs in both sort fields.
      r.put("label", rnd.nextInt(6) == 0 ? null : "L" + rnd.nextInt(4));
      r.put("score", rnd.nextInt(5) == 0 ? null : (long) rnd.nextInt(10));
      r.put("payload", "p" + id);
      rows.add(r);
    }
    items.createMany(rows);
  }

  @AfterEach
  void close() {
    kit.close();
  }

  private static List<Object> ids(List<Map<String, Object>> rows) {
    return rows.stream().map(r -> r.get("id")).collect(Collectors.toList());
  }

  @ParameterizedTest
  @ValueSource(strings = {"score", "-score", "label,-score", "-label,score", "-id"})
  void keysetWalkSeesEveryRowExactlyOnceInOrder(String spec) {
    Sort sort = Sort.parse(spec);
    List<Object> expected = ids(items.findAll(Filters.all(), FindOptions.defaults().withSort(sort)));
    assertEquals(1000, expected.size());
    List<Object> walked = new ArrayList<>();
    KeysetRequest req = KeysetRequest.first(sort, 37);
    int pages = 0;
    while (true) {
      KeysetPage<Map<String, Object>> page = items.getAll(req);
      walked.addAll(ids(page.items()));
      pages++;
      if (!page.hasMore()) {
        assertTrue(page.next().isEmpty());
        break;
      }
      req = req.after(page.nextCursor());
    }
    assertEquals(expected, walked, "keyset order for " + spec);
    assertEquals(1000, new HashSet<>(walked).size());
    assertEquals(28, pages); // ceil(1000 / 37)
  }

  @Test
  void keysetWalkWithAFilterAndProjection() {
    KeysetRequest req = new KeysetRequest(Filters.isNotNull("score"), Sort.parse("-score"), null, 50,
        Projection.include("score"));
    List<Object> walked = new ArrayList<>();
    while (true) {
      KeysetPage<Map<String, Object>> page = items.getAll(req);
      page.items().forEach(r -> assertEquals(Set2.of("id", "score"), r.keySet()));
      walked.addAll(ids(page.items()));
      if (!page.hasMore()) {
        break;
      }
      req = req.after(page.nextCursor());
    }
    assertEquals(items.count(Filters.isNotNull("score")), walked.size());
  }

  @Test
  void offsetEnvelopesAtFirstMiddleLastAndPastTheEnd() {
    PageRequest base = PageRequest.of(1, 100).withSort(Sort.parse("-score"));
    OffsetPage<Map<String, Object>> first = items.getAll(base);
    assertEquals(List.of(100, 1, 1000L, 10L, true, false), envelope(first));
    OffsetPage<Map<String, Object>> middle = items.getAll(base.withPage(5));
    assertEquals(List.of(100, 5, 1000L, 10L, true, true), envelope(middle));
    OffsetPage<Map<String, Object>> last = items.getAll(base.withPage(10));
    assertEquals(List.of(100, 10, 1000L, 10L, false, true), envelope(last));
    OffsetPage<Map<String, Object>> past = items.getAll(base.withPage(11));
    assertEquals(List.of(0, 11, 1000L, 10L, false, true), envelope(past));
    // Pages partition the ordered table: the same order as findAll, nothing repeated or lost.
    List<Object> paged = new ArrayList<>();
    for (int p = 1; p <= 10; p++) {
      paged.addAll(ids(items.getAll(base.withPage(p)).items()));
    }
    assertEquals(ids(items.findAll(Filters.all(), FindOptions.defaults().withSort(Sort.parse("-score")))), paged);
    OffsetPage<Map<String, Object>> none = items.getAll(base.withFilter(Filters.eq("label", "nope")));
    assertEquals(List.of(0, 1, 0L, 0L, false, false), envelope(none));
    assertEquals(20, items.getAll(PageRequest.first()).limit(), "default limit");
  }

  private static List<Object> envelope(OffsetPage<?> p) {
    return List.of(p.items().size(), p.page(), p.total(), p.pages(), p.hasNext(), p.hasPrev());
  }

  @Test
  void cursorMisuseIsATypedError() {
    KeysetPage<Map<String, Object>> page = items.getAll(KeysetRequest.first(Sort.parse("score"), 10));
    String cursor = page.nextCursor();
    assertThrows(InvalidCursorException.class,
        () -> items.getAll(KeysetRequest.first(Sort.parse("-score"), 10).after(cursor)), "other sort");
    char[] c = cursor.toCharArray();
    c[c.length / 2] = c[c.length / 2] == 'A' ? 'B' : 'A';
    assertThrows(InvalidCursorException.class,
        () -> items.getAll(KeysetRequest.first(Sort.parse("score"), 10).after(new String(c))), "tampered");
    assertThrows(InvalidCursorException.class,
        () -> items.getAll(KeysetRequest.first(Sort.parse("score"), 10).after("garbage!")), "garbage");
    assertThrows(QueryParseException.class, () -> items.getAll(PageRequest.of(1, 5000)), "limit above maximum");
  }

  @Test
  void streamSeesEveryRowInOrderAndClosesCleanly() {
    List<Object> expected = ids(items.findAll(Filters.all(), FindOptions.defaults().withSort(Sort.parse("label"))));
    try (Stream<Map<String, Object>> s = items.stream(Filters.all(),
        StreamOptions.defaults().withSort(Sort.parse("label")).withBatchSize(64))) {
      assertEquals(expected, s.map(r -> r.get("id")).collect(Collectors.toList()));
    }
    // An abandoned stream leaves the repository usable (no connection held between batches).
    try (Stream<Map<String, Object>> s = items.stream(Filters.all(), StreamOptions.defaults().withBatchSize(10))) {
      assertEquals(5, s.limit(5).count());
    }
    assertEquals(1000, items.count(Filters.all()));
  }

  @Test
  void projectedStreamKeepsItsCursorOnFieldsItDoesNotReturn() {
    // The sort fields (with duplicates and NULLs) are left out of the projection: batches must still chain.
    Sort sort = Sort.parse("-score,label");
    Projection onlyPayload = Projection.include("payload");
    List<Map<String, Object>> expected = items.findAll(Filters.all(),
        FindOptions.defaults().withSort(sort).withProjection(onlyPayload));
    assertEquals(1000, expected.size());
    assertEquals(Set.of("id", "payload"), expected.get(0).keySet(), "the key always comes back");
    try (Stream<Map<String, Object>> s = items.stream(Filters.all(), new StreamOptions(sort, 7, onlyPayload))) {
      assertEquals(expected, s.collect(Collectors.toList()));
    }
    List<Map<String, Object>> unprojected = items.findAll(Filters.all(), FindOptions.defaults().withSort(sort));
    try (Stream<Map<String, Object>> s = items.stream(Filters.all(), new StreamOptions(sort, 7, Projection.all()))) {
      assertEquals(unprojected, s.collect(Collectors.toList()));
    }
  }

  /** Streams 200,000 rows of ~200 bytes (about 40 MB of row data) in a JVM whose heap is 16 MB. */
  @Test
  void streamingRunsInConstantMemory() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx16m", "--enable-native-access=ALL-UNNAMED", "-cp",
        System.getProperty("java.class.path"), StreamSmallHeapChild.class.getName(),
        dir.resolve("big.db").toString(), "200000").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "child did not finish");
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("streamed 200000 rows"), out);
    assertFalse(out.contains("OutOfMemoryError"), out);
    assertTrue(new File(dir.resolve("big.db").toString()).length() > 16L * 1024 * 1024,
        "the database must be larger than the child's heap for the test to mean anything");
  }

  /** Tiny set factory so the assertion reads naturally on Java 17 without extra imports. */
  private static final class Set2 {
    static java.util.Set<String> of(String a, String b) {
      return new java.util.LinkedHashSet<>(List.of(a, b));
    }
  }
}
