package io.sqlitekit.plugin.fts;

import static io.sqlitekit.spi.filter.Filters.all;
import static io.sqlitekit.spi.filter.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.core.SqliteRepository;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.InvalidCursorException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index stays exactly in sync with the table through every write path (kit and raw SQL), and searches
 * return typed entities ranked, weighted, highlighted, filtered and paged; bad input is refused with typed
 * errors. Real SQLite file in WAL mode.
 */
final class FtsIT {
  /** A note. */
  public record Note(Long id, String title, String body, Boolean published, Instant createdAt) {
  }

  static final TableDef NOTES = TableDef.of("notes", Column.integer("id").primaryKey(), Column.text("title"),
      Column.text("body"), Column.bool("published"), Column.timestamp("createdAt"));
  static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");

  @TempDir
  Path dir;
  SqliteKit kit;
  SqliteRepository<Note, Long> notes;
  FullTextSearch<Note> fts;

  @BeforeEach
  void open() {
    kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("fts.db")).build();
    kit.createTable(NOTES);
    notes = kit.repository(NOTES, Note.class, List.of(FtsPlugin.create(FtsOptions.of("title", "body")
        .withPrefix(2))));
    fts = FtsPlugin.search(notes);
  }

  @AfterEach
  void close() {
    kit.close();
  }

  static Note note(long id, String title, String body) {
    return new Note(id, title, body, true, T0);
  }

  /** Every row's tokens, lower-cased, split the way unicode61 splits ASCII text. */
  private Map<Long, Set<String>> tokens() {
    return notes.findAll(all()).stream().collect(Collectors.toMap(Note::id, n -> {
      Set<String> t = new TreeSet<>();
      for (String text : new String[] {n.title(), n.body()}) {
        if (text != null) {
          for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (!w.isEmpty()) {
              t.add(w);
            }
          }
        }
      }
      return t;
    }));
  }

  private List<Long> ids(String query) {
    return fts.search(SearchRequest.of(query).limit(1000)).entities().stream().map(Note::id).sorted()
        .collect(Collectors.toList());
  }

  /** Every token of every row, and a few that are gone, finds exactly the rows holding it; FTS5 agrees too. */
  private void assertInSync(String... goneTokens) {
    Map<Long, Set<String>> rows = tokens();
    Set<String> vocabulary = new TreeSet<>(List.of(goneTokens));
    rows.values().forEach(vocabulary::addAll);
    for (String w : vocabulary) {
      List<Long> expected = rows.entrySet().stream().filter(e -> e.getValue().contains(w)).map(Map.Entry::getKey)
          .sorted().collect(Collectors.toList());
      assertEquals(expected, ids(w), "hits of " + w);
    }
    // FTS5's own check compares the index with the content table (rank 1: external content included).
    kit.execute("INSERT INTO notes_fts(notes_fts, rank) VALUES('integrity-check', 1)");
  }

  @Test
  void everyWritePath_keepsTheIndexInSync() {
    notes.create(note(1, "alpha beta", "first note"));
    notes.create(note(2, "beta gamma", "second note"));
    assertInSync();
    assertEquals(List.of(1L, 2L), ids("beta"));

    notes.update(1L, Update.set("title", "delta beta"));
    assertInSync("alpha");
    notes.delete(2L);
    assertInSync("gamma", "second");
    notes.createMany(List.of(note(3, "epsilon", "many one"), note(4, "zeta", "many two"), note(5, "eta", "x")));
    assertInSync();
    notes.upsert(note(3, "theta", "replaced body"));
    assertInSync("epsilon", "one");
    notes.upsert(note(6, "iota", "brand new"));
    assertInSync();
    notes.batch(b -> List.of(b.insert(note(7, "kappa", "batch insert")), b.update(4L, Update.set("body", "lambda")),
        b.delete(5L)));
    assertInSync("eta", "two");
    notes.updateMany(eq("published", true), Update.set("body", "mu"));
    assertInSync("lambda", "brand");
    notes.deleteMany(eq("title", "kappa"));
    assertInSync("kappa");
    // Writes that bypass the kit go through the same triggers.
    kit.execute("UPDATE notes SET title = 'nu xi' WHERE id = 1; INSERT INTO notes(id, title, body, published)"
        + " VALUES (9, 'omicron', NULL, 0); DELETE FROM notes WHERE id = 6");
    assertInSync("delta", "iota");
    // A rolled-back transaction leaves the index as it was.
    assertThrows(IllegalStateException.class, () -> kit.inTransaction(() -> {
      notes.create(note(10, "rho", "rolled back"));
      throw new IllegalStateException("roll back");
    }));
    assertInSync("rho");
  }

  @Test
  void entities_decodedThroughCodecs_andFilterCombined() {
    notes.createMany(List.of(note(1, "sqlite wal", "journal"), new Note(2L, "sqlite rollback", "journal", false, T0),
        note(3, "postgres", "wal too")));
    SearchPage<Note> page = fts.search(SearchRequest.of("sqlite").filter(eq("published", true)));
    assertEquals(List.of(note(1, "sqlite wal", "journal")), page.entities());
    assertEquals(T0, page.hits().get(0).entity().createdAt());
    assertTrue(page.hits().get(0).rank() < 0, "bm25 scores matches below zero");
    assertNull(page.nextCursor());
    assertEquals(List.of(1L, 3L), ids("wal"));
    assertEquals(List.of(1L, 2L), ids("sq*"), "prefix query");
    assertEquals(List.of(1L), ids("sqlite AND wal"));
    assertEquals(List.of(2L, 3L), ids("rollback OR postgres"));
    assertEquals(List.of(2L), ids("sqlite NOT wal"));
    assertEquals(List.of(3L), ids("body:wal"));
    assertEquals(List.of(1L), ids("\"sqlite wal\""));
  }

  @Test
  void urlQuery_searchParameter_mapsToASearch() {
    notes.createMany(List.of(note(1, "sqlite wal", "a"), new Note(2L, "sqlite wal", "b", false, T0),
        note(3, "sqlite", "wal wal"), note(4, "other", "c")));
    io.sqlitekit.query.ParsedQuery q = io.sqlitekit.query.QueryParser.of(io.sqlitekit.query.QueryOptions.defaults()
        .withFilterField("published", io.sqlitekit.query.FieldType.BOOLEAN).withSearch(true))
        .parse("search=sqlite%20wal&published=true&limit=1&page=2");
    SearchRequest r = SearchRequest.of(q.search().orElseThrow(), q.filter(), q.page(), q.limit(), q.after().orElse(null));
    List<Long> all = fts.search(SearchRequest.of("sqlite wal").filter(eq("published", true))).entities().stream()
        .map(Note::id).collect(Collectors.toList());
    assertEquals(2, all.size());
    assertEquals(List.of(all.get(1)), fts.search(r).entities().stream().map(Note::id).collect(Collectors.toList()));
  }

  @Test
  void weights_changeTheOrder_andRanksAscend() {
    notes.createMany(List.of(note(1, "kiwi", "plain words here and there"), note(2, "plain", "kiwi words here and there")));
    List<Long> titleFirst = fts.search(SearchRequest.of("kiwi").weights(Map.of("title", 10.0))).entities().stream()
        .map(Note::id).collect(Collectors.toList());
    List<Long> bodyFirst = fts.search(SearchRequest.of("kiwi").weights(Map.of("body", 10.0))).entities().stream()
        .map(Note::id).collect(Collectors.toList());
    assertEquals(List.of(1L, 2L), titleFirst);
    assertEquals(List.of(2L, 1L), bodyFirst);
    ValidationException e = assertThrows(ValidationException.class,
        () -> fts.search(SearchRequest.of("kiwi").weights(Map.of("published", 2.0))));
    assertTrue(e.getMessage().contains("not indexed"), e.getMessage());
  }

  @Test
  void highlightAndSnippet() {
    notes.create(note(1, "Full text search", "SQLite has a full text search engine called FTS5 that ranks with bm25"));
    notes.create(note(2, "other", "nothing"));
    SearchHit<Note> hit = fts.search(SearchRequest.of("search")
        .highlight(new SearchRequest.Highlight(List.of("title", "body"), "[", "]"))
        .snippet(new SearchRequest.Snippet("body", "<", ">", "...", 4))).hits().get(0);
    assertEquals(Map.of("title", "Full text [search]", "body",
        "SQLite has a full text [search] engine called FTS5 that ranks with bm25"), hit.highlights());
    assertTrue(hit.snippet().contains("<search>") && hit.snippet().contains("..."), hit.snippet());
    SearchHit<Note> plain = fts.search("search").hits().get(0);
    assertEquals(Map.of(), plain.highlights());
    assertNull(plain.snippet());
  }

  @Test
  void offsetAndKeysetPages_coverTheSameOrderedHits() {
    List<Note> rows = new ArrayList<>();
    for (long i = 1; i <= 57; i++) {
      // Different lengths give different bm25 scores; repeats give ties broken by rowid.
      rows.add(note(i, "common", "filler ".repeat((int) (i % 7)) + "end"));
    }
    notes.createMany(rows);
    List<SearchHit<Note>> one = fts.search(SearchRequest.of("common").limit(100)).hits();
    assertEquals(57, one.size());
    for (int i = 1; i < one.size(); i++) {
      assertTrue(one.get(i - 1).rank() <= one.get(i).rank(), "best first");
    }
    List<Long> expected = one.stream().map(h -> h.entity().id()).collect(Collectors.toList());
    List<Long> byOffset = new ArrayList<>();
    for (int off = 0; off < 57; off += 10) {
      fts.search(SearchRequest.of("common").limit(10).offset(off)).entities().forEach(n -> byOffset.add(n.id()));
    }
    assertEquals(expected, byOffset);
    List<Long> byCursor = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      SearchPage<Note> p = fts.search(SearchRequest.of("common").limit(10).after(cursor));
      p.entities().forEach(n -> byCursor.add(n.id()));
      cursor = p.nextCursor();
      pages++;
    } while (cursor != null);
    assertEquals(expected, byCursor);
    assertEquals(6, pages);
    String first = fts.search(SearchRequest.of("common").limit(10)).nextCursor();
    assertThrows(InvalidCursorException.class, () -> fts.search(SearchRequest.of("end").after(first)));
    assertThrows(InvalidCursorException.class, () -> fts.search(SearchRequest.of("common").after("!!")));
    assertThrows(InvalidCursorException.class, () -> fts.search(SearchRequest.of("common").after("Zm9vOmJhcg")));
  }

  @Test
  void invalidQuery_isAValidationErrorWithSqlitesMessage() {
    notes.create(note(1, "a", "b"));
    ValidationException e = assertThrows(ValidationException.class, () -> fts.search("\"unterminated"));
    assertTrue(e.getMessage().contains("unterminated string"), e.getMessage());
    assertEquals("query", e.field());
    e = assertThrows(ValidationException.class, () -> fts.search("AND OR"));
    assertTrue(e.getMessage().contains("fts5: syntax error near"), e.getMessage());
    e = assertThrows(ValidationException.class, () -> fts.search("nosuch:word"));
    assertTrue(e.getMessage().contains("no such column"), e.getMessage());
    // The repository still works afterwards; nothing was left open.
    assertEquals(List.of(1L), ids("a"));
    assertThrows(ValidationException.class, () -> fts.search(SearchRequest.of("a").filter(eq("colour", "red"))));
  }

  @Test
  void installOverExistingRows_fillsTheNewIndex_andMisconfigurationIsLoud() {
    kit.execute(FtsDdl.dropSql(NOTES, FtsOptions.of("title", "body")));
    kit.execute("INSERT INTO notes(id, title, body, published) VALUES (50, 'preexisting row', 'x', 1)");
    // A new repository's install creates the index again and fills it from the rows already there.
    SqliteRepository<Note, Long> again = kit.repository(NOTES, Note.class,
        List.of(FtsPlugin.create(FtsOptions.of("title", "body"))));
    assertEquals(List.of(50L), FtsPlugin.search(again).search("preexisting").entities().stream().map(Note::id)
        .collect(Collectors.toList()));

    SqliteRepository<Note, Long> plain = kit.repository(NOTES, Note.class);
    ConfigurationException none = assertThrows(ConfigurationException.class, () -> FtsPlugin.search(plain));
    assertTrue(none.getMessage().contains("not installed"), none.getMessage());
    TableDef missing = TableDef.of("missing", Column.integer("id").primaryKey(), Column.text("title"));
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> kit.documents(missing,
        List.of(FtsPlugin.create(FtsOptions.of("title")))));
    assertTrue(e.getMessage().contains("missing"), e.getMessage());
    // A kit-wide plugin bound to one table leaves the others alone.
    SqliteRepository<Map<String, Object>, Object> other = kit.documents(missing.withColumn(Column.text("x")),
        List.of(FtsPlugin.create(FtsOptions.of("title").withTable("notes").withAutoCreate(false))));
    assertThrows(ConfigurationException.class, () -> FtsPlugin.search(other));
    assertFalse(kit.repository(NOTES, Note.class).scopedReads().isEmpty());
  }
}
