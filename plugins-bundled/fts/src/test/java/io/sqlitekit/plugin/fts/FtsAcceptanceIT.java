package io.sqlitekit.plugin.fts;

import static io.sqlitekit.spi.filter.Filters.in;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.core.SqliteRepository;
import io.sqlitekit.plugin.softdelete.SoftDeletePlugin;
import io.sqlitekit.plugin.softdelete.SoftDeleteOptions;
import io.sqlitekit.plugin.tenant.TenantOptions;
import io.sqlitekit.plugin.tenant.TenantPlugin;
import io.sqlitekit.plugin.tenant.Tenants;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: 100,000 rows in two tenants with soft-deleted rows; for a sample of FTS5 queries (terms, AND,
 * OR, NOT, prefix, phrase, column filter) each tenant's search, paged to the end by cursor, returns exactly the
 * rows a brute-force token scan in this test finds among that tenant's live rows, best rank first.
 */
final class FtsAcceptanceIT {
  /** An article. */
  public record Article(Long id, String organizationId, String title, String body, Instant deletedAt) {
  }

  static final TableDef ARTICLES = TableDef.of("articles", Column.integer("id").primaryKey(),
      Column.text("organizationId"), Column.text("title"), Column.text("body"), Column.timestamp("deletedAt"));
  static final int ROWS = 100_000;
  static final int VOCABULARY = 2000;
  static final String[] SYLLABLES = {"ka", "lo", "mi", "nu", "pe", "ra", "si", "to", "va", "ze", "bo", "du"};

  @TempDir
  Path dir;

  /** One generated row as the brute force sees it. */
  record Doc(long id, String tenant, List<String> title, List<String> body, boolean deleted) {
    boolean has(String w) {
      return title.contains(w) || body.contains(w);
    }

    boolean hasPrefix(String p) {
      return title.stream().anyMatch(t -> t.startsWith(p)) || body.stream().anyMatch(t -> t.startsWith(p));
    }

    boolean hasPhrase(String a, String b) {
      return adjacent(title, a, b) || adjacent(body, a, b);
    }

    private static boolean adjacent(List<String> words, String a, String b) {
      for (int i = 0; i + 1 < words.size(); i++) {
        if (words.get(i).equals(a) && words.get(i + 1).equals(b)) {
          return true;
        }
      }
      return false;
    }
  }

  static String word(int i) {
    // Three syllables give 1,728 distinct words; a fourth, from the high digits, the rest.
    StringBuilder sb = new StringBuilder();
    int n = i;
    for (int k = 0; k < 3; k++) {
      sb.append(SYLLABLES[n % SYLLABLES.length]);
      n /= SYLLABLES.length;
    }
    if (n > 0) {
      sb.append(SYLLABLES[n % SYLLABLES.length]);
    }
    return sb.toString();
  }

  static List<String> words(Random rnd, int n) {
    List<String> out = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      // Skewed towards small indexes: a few frequent words, a long tail of rare ones.
      double r = rnd.nextDouble();
      out.add(word((int) (VOCABULARY * r * r * r)));
    }
    return out;
  }

  @Test
  void hundredThousandRows_searchEqualsBruteForce_perTenant_withoutDeletedRows() {
    Random rnd = new Random(20261204L);
    List<Doc> docs = new ArrayList<>(ROWS);
    for (long id = 1; id <= ROWS; id++) {
      docs.add(new Doc(id, id % 2 == 0 ? "A" : "B", words(rnd, 4), words(rnd, 16), false));
    }
    try (SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("accept.db"))
        .plugin(TenantPlugin.create(TenantOptions.defaults()))
        .plugin(SoftDeletePlugin.create(SoftDeleteOptions.defaults())).build()) {
      kit.createTable(ARTICLES);
      SqliteRepository<Article, Long> repo = kit.repository(ARTICLES, Article.class,
          List.of(FtsPlugin.create(FtsOptions.of("title", "body").withPrefix(3))));
      Map<String, StandardRepo<Article, Long>> byTenant = new LinkedHashMap<>();
      byTenant.put("A", Tenants.forTenant(repo, "A"));
      byTenant.put("B", Tenants.forTenant(repo, "B"));
      for (String tenant : byTenant.keySet()) {
        List<Article> mine = docs.stream().filter(d -> d.tenant().equals(tenant))
            .map(d -> new Article(d.id(), null, String.join(" ", d.title()), String.join(" ", d.body()), null))
            .collect(Collectors.toList());
        for (int from = 0; from < mine.size(); from += 10_000) {
          byTenant.get(tenant).createMany(mine.subList(from, Math.min(mine.size(), from + 10_000)));
        }
      }
      // Soft-delete every 20th row: an UPDATE through the triggers, and a scope the search must keep.
      for (int t = 0; t < 2; t++) {
        String tenant = t == 0 ? "A" : "B";
        List<Object> ids = new ArrayList<>();
        for (Doc d : docs) {
          if (d.id() % 20 == (t == 0 ? 0 : 1)) {
            ids.add(d.id());
          }
        }
        assertEquals(ids.size(), byTenant.get(tenant).deleteMany(in("id", ids)));
      }
      List<Doc> state = docs.stream().map(d -> new Doc(d.id(), d.tenant(), d.title(), d.body(),
          d.id() % 20 == 0 || d.id() % 20 == 1)).collect(Collectors.toList());

      Map<String, Predicate<Doc>> queries = sample(state);
      int compared = 0;
      for (Map.Entry<String, Predicate<Doc>> q : queries.entrySet()) {
        for (Map.Entry<String, StandardRepo<Article, Long>> t : byTenant.entrySet()) {
          Set<Long> expected = state.stream().filter(d -> d.tenant().equals(t.getKey()) && !d.deleted())
              .filter(q.getValue()).map(Doc::id).collect(Collectors.toSet());
          List<Long> actual = searchAll(FtsPlugin.search(t.getValue()), q.getKey(), t.getKey());
          assertEquals(expected.size(), actual.size(), "hit count of " + q.getKey() + " for tenant " + t.getKey());
          assertEquals(expected, new HashSet<>(actual), "hits of " + q.getKey() + " for tenant " + t.getKey());
          compared += actual.size();
        }
      }
      assertTrue(compared > 10_000, "the sample compares a meaningful number of hits: " + compared);
    }
  }

  /** Pages to the end by cursor, checking that ranks never decrease and every hit is the tenant's. */
  private static List<Long> searchAll(FullTextSearch<Article> fts, String query, String tenant) {
    List<Long> ids = new ArrayList<>();
    String cursor = null;
    double last = Double.NEGATIVE_INFINITY;
    do {
      SearchPage<Article> page = fts.search(SearchRequest.of(query).limit(1000).after(cursor));
      for (SearchHit<Article> h : page.hits()) {
        assertTrue(h.rank() >= last, "ranked best first");
        last = h.rank();
        assertEquals(tenant, h.entity().organizationId());
        ids.add(h.entity().id());
      }
      cursor = page.nextCursor();
    } while (cursor != null);
    return ids;
  }

  /** Queries with their brute-force meaning, chosen from the data so that each has hits. */
  private static Map<String, Predicate<Doc>> sample(List<Doc> docs) {
    Map<String, Predicate<Doc>> q = new LinkedHashMap<>();
    Random rnd = new Random(7);
    for (int i = 0; i < 8; i++) {
      String w = word(150 + rnd.nextInt(1500));
      q.put(w, d -> d.has(w));
    }
    for (int i = 0; i < 4; i++) {
      String a = word(rnd.nextInt(60));
      String b = word(rnd.nextInt(60));
      q.put(a + " AND " + b, d -> d.has(a) && d.has(b));
    }
    for (int i = 0; i < 4; i++) {
      String a = word(400 + rnd.nextInt(1500));
      String b = word(400 + rnd.nextInt(1500));
      q.put(a + " OR " + b, d -> d.has(a) || d.has(b));
    }
    for (int i = 0; i < 3; i++) {
      String a = word(100 + rnd.nextInt(300));
      String b = word(rnd.nextInt(40));
      q.put(a + " NOT " + b, d -> d.has(a) && !d.has(b));
    }
    for (int i = 0; i < 3; i++) {
      String p = word(800 + rnd.nextInt(1000)).substring(0, 5);
      q.put(p + "*", d -> d.hasPrefix(p));
    }
    for (int i = 0; i < 3; i++) {
      Doc src = docs.get(rnd.nextInt(docs.size()));
      String a = src.body().get(5);
      String b = src.body().get(6);
      q.put("\"" + a + " " + b + "\"", d -> d.hasPhrase(a, b));
    }
    String t = word(200 + rnd.nextInt(200));
    q.put("title:" + t, d -> d.title().contains(t));
    assertTrue(q.size() >= 20, "distinct queries: " + Arrays.toString(q.keySet().toArray()));
    return q;
  }
}
