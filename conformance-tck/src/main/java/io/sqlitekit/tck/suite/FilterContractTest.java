package io.sqlitekit.tck.suite;

import static io.sqlitekit.spi.filter.Filters.and;
import static io.sqlitekit.spi.filter.Filters.eq;
import static io.sqlitekit.spi.filter.Filters.gt;
import static io.sqlitekit.spi.filter.Filters.in;
import static io.sqlitekit.spi.filter.Filters.isNull;
import static io.sqlitekit.spi.filter.Filters.like;
import static io.sqlitekit.spi.filter.Filters.ne;
import static io.sqlitekit.spi.filter.Filters.nin;
import static io.sqlitekit.spi.filter.Filters.or;
import static io.sqlitekit.tck.TckDocs.doc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.Capability;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.filter.In;
import io.sqlitekit.spi.filter.Not;
import io.sqlitekit.spi.filter.Raw;
import io.sqlitekit.tck.ContractTest;
import io.sqlitekit.tck.Requires;
import io.sqlitekit.tck.TckDoc;
import java.util.List;

/**
 * Filter IR semantics: reference scenarios 47–53 exactly, plus three-valued logic over NULLs, empty lists,
 * LIKE case rules, unknown fields, and the optional regex and raw filters on both sides.
 */
class FilterContractTest extends ContractSupport {

  /** The reference fixture: plain/a/1, pct/a/2, under/b/3, back/b/4, nullnote/null/5. */
  private static void seedParity(StandardRepo<TckDoc, String> repo) {
    seed(repo,
        doc("plain", "a", 1L).withNotes("hello world"),
        doc("pct", "a", 2L).withNotes("50% off"),
        doc("under", "b", 3L).withNotes("file_name.txt"),
        doc("back", "b", 4L).withNotes("back\\slash"),
        doc("nullnote", null, 5L).withNotes(null));
  }

  private static List<String> match(StandardRepo<TckDoc, String> repo, Filter f) {
    return names(repo.findAll(f));
  }

  @ContractTest
  void parity47_inEmpty_matchesNothing(StandardRepo<TckDoc, String> repo) {
    seedParity(repo);
    assertEquals(List.of(), match(repo, in("category", List.of())));
  }

  @ContractTest
  void parity48_inSingle(StandardRepo<TckDoc, String> repo) {
    seedParity(repo);
    assertEquals(List.of("pct", "plain"), match(repo, in("category", List.of("a"))));
  }

  @ContractTest
  void parity49_isNull(StandardRepo<TckDoc, String> repo) {
    seedParity(repo);
    assertEquals(List.of("nullnote"), match(repo, isNull("category")));
  }

  @ContractTest
  void parity50_ne_excludesNull(StandardRepo<TckDoc, String> repo) {
    seedParity(repo);
    assertEquals(List.of("back", "under"), match(repo, ne("category", "a")));
  }

  @ContractTest
  void parity51_like_escapedPercent(StandardRepo<TckDoc, String> repo) {
    seedParity(repo);
    assertEquals(List.of("pct"), match(repo, like("notes", "50\\% off")));
  }

  @ContractTest
  void parity52_like_escapedUnderscore(StandardRepo<TckDoc, String> repo) {
    seedParity(repo);
    assertEquals(List.of("under"), match(repo, like("notes", "file\\_name.txt")));
  }

  @ContractTest
  void parity53_orOfAnd(StandardRepo<TckDoc, String> repo) {
    seedParity(repo);
    assertEquals(List.of("back", "pct"),
        match(repo, or(and(eq("category", "a"), gt("count", 1L)), eq("name", "back"))));
  }

  @ContractTest
  void ne_threeValued_overNullRows(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("x", "a", 1L), doc("y", "b", 2L), doc("z", null, null));
    assertEquals(List.of("y"), match(repo, ne("category", "a")), "ne never matches NULL");
    assertEquals(List.of("x"), match(repo, ne("count", 2L)), "ne never matches NULL");
    assertEquals(List.of("x", "y"), match(repo, ne("category", null)), "ne(null) is IS NOT NULL");
    assertEquals(List.of("z"), match(repo, eq("category", null)), "eq(null) is IS NULL");
  }

  @ContractTest
  void nin_threeValued_overNullRows(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("x", "a", 1L), doc("y", "b", 2L), doc("z", null, null));
    assertEquals(List.of("y"), match(repo, nin("category", List.of("a"))), "non-empty nin excludes NULL");
    assertEquals(List.of("x", "y", "z"), match(repo, nin("category", List.of())), "nin([]) matches all");
  }

  @ContractTest
  void in_emptyMatchesNothing_nullInListNeverMatchesNull(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("x", "a", 1L), doc("y", "b", 2L), doc("z", null, null));
    assertEquals(List.of(), match(repo, in("category", List.of())));
    assertEquals(0L, repo.findAll(in("count", List.of())).size());
    assertEquals(List.of("x"), match(repo, In.of("category", java.util.Arrays.asList("a", null))));
  }

  @ContractTest
  void not_overUnknown_excludesNullRows(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("x", "a", 1L), doc("y", "b", 2L), doc("z", null, null));
    // Built by hand so no builder simplification can hide the evaluation of NOT over NULL.
    assertEquals(List.of("y"), match(repo, new Not(eq("category", "a"))));
    assertEquals(List.of("x"), match(repo, new Not(gt("count", 1L))));
  }

  @ContractTest
  void comparisons_neverMatchNull(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("x", "a", 1L), doc("y", "b", 2L), doc("z", null, null));
    assertEquals(List.of("x", "y"), match(repo, Filters.gte("count", 0L)));
    assertEquals(List.of("x"), match(repo, Filters.lt("count", 2L)));
    assertEquals(List.of("y"), match(repo, Filters.between("count", 2L, 9L)));
  }

  @ContractTest
  void matchAllAndNone(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("x"), doc("y"));
    assertEquals(2, repo.findAll(Filters.all()).size());
    assertEquals(0, repo.findAll(Filters.none()).size());
  }

  @ContractTest
  void like_caseRules(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("bob"), doc("BOBBY"), doc("alice"));
    assertEquals(List.of("BOBBY", "bob"), match(repo, like("name", "bob%")), "default folds ASCII case");
    assertEquals(List.of("bob"), match(repo, Filters.likeCaseSensitive("name", "bob%")),
        "case-sensitive LIKE is really case-sensitive");
    assertEquals(List.of("alice"), match(repo, Filters.contains("name", "LIC")));
  }

  @ContractTest
  void like_literalHelpers_escapeMetacharacters(StandardRepo<TckDoc, String> repo) {
    seedParity(repo);
    assertEquals(List.of("back"), match(repo, Filters.contains("notes", "k\\s")), "backslash is literal");
    assertEquals(List.of("pct"), match(repo, Filters.startsWith("notes", "50%")));
    assertEquals(List.of("under"), match(repo, Filters.contains("notes", "_")));
  }

  @ContractTest
  void unknownField_refused_nothingChanged(StandardRepo<TckDoc, String> repo) {
    seedParity(repo);
    ValidationException e = expectRefusedUnchanged(repo, ValidationException.class,
        () -> repo.findAll(eq("noSuchField", 1L)));
    assertTrue(e.getMessage().contains("noSuchField"), "message names the field: " + e.getMessage());
    expectRefusedUnchanged(repo, ValidationException.class, () -> repo.deleteMany(eq("noSuchField", 1L)));
    expectRefusedUnchanged(repo, ValidationException.class,
        () -> repo.findAll(or(eq("name", "plain"), new Not(eq("nested", "x")))));
  }

  @ContractTest
  @Requires(Capability.REGEX_FILTER)
  void regex_matches(StandardRepo<TckDoc, String> repo) {
    seedParity(repo);
    assertEquals(List.of("pct", "plain"), match(repo, Filters.regex("name", "^p")));
    assertEquals(List.of("under"), match(repo, Filters.regex("notes", "^FILE", "i")));
  }

  @ContractTest
  @Requires(absent = Capability.REGEX_FILTER)
  void regex_absent_refusedUnchanged(StandardRepo<TckDoc, String> repo) {
    seedParity(repo);
    expectUnsupported(repo, () -> repo.findAll(Filters.regex("name", "^p")));
    expectUnsupported(repo, () -> repo.deleteMany(Filters.regex("name", "^p")));
  }

  @ContractTest
  @Requires(Capability.RAW_FILTER)
  void raw_bindsParameters(StandardRepo<TckDoc, String> repo) {
    seedParity(repo);
    assertEquals(List.of("back", "nullnote"), match(repo, new Raw("\"count\" >= ?", List.of(4L))));
  }

  @ContractTest
  @Requires(absent = Capability.RAW_FILTER)
  void raw_absent_refusedUnchanged(StandardRepo<TckDoc, String> repo) {
    seedParity(repo);
    expectUnsupported(repo, () -> repo.findAll(Filters.raw("count >= ?", 4L)));
    expectUnsupported(repo, () -> repo.deleteMany(Filters.raw("count >= ?", 4L)));
  }
}
