package io.sqlitekit.tck.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.error.OperationNotSupportedException;
import io.sqlitekit.spi.error.RepositoryException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.tck.TckDoc;
import io.sqlitekit.tck.internal.TckExtension;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.function.Executable;

/**
 * Common base of the contract test classes: registers the TCK extension (one invocation per harness) and
 * holds the assertion helpers, after Guava testlib's {@code expectUnchanged}. The shared resource lock keeps
 * contract tests sequential even when JUnit parallel execution is on, because {@link
 * io.sqlitekit.tck.RepoHarness#cleanup()} refers to the last repository created.
 */
@ResourceLock("io.sqlitekit.tck.harness")
abstract class ContractSupport {
  @RegisterExtension
  static final TckExtension TCK = new TckExtension();

  /** Every stored row, sorted by id, so snapshots compare independently of implementation order. */
  static List<TckDoc> snapshot(StandardRepo<TckDoc, String> repo) {
    List<TckDoc> rows = new ArrayList<>(repo.findAll(Filters.all()));
    rows.sort(Comparator.comparing(TckDoc::id));
    return rows;
  }

  /** Stores the documents one by one and returns them as stored. */
  static List<TckDoc> seed(StandardRepo<TckDoc, String> repo, TckDoc... docs) {
    List<TckDoc> out = new ArrayList<>();
    for (TckDoc d : docs) {
      out.add(repo.create(d));
    }
    return out;
  }

  /** The names of the rows, sorted, for order-independent comparisons. */
  static List<String> names(Collection<TckDoc> rows) {
    return rows.stream().map(TckDoc::name).sorted().collect(Collectors.toList());
  }

  /** The ids of the rows in the given order. */
  static List<String> ids(Collection<TckDoc> rows) {
    return rows.stream().map(TckDoc::id).collect(Collectors.toList());
  }

  /**
   * Asserts that the call fails with the given exception type and leaves every row as it was.
   *
   * @return the exception
   */
  static <E extends Throwable> E expectRefusedUnchanged(StandardRepo<TckDoc, String> repo, Class<E> type,
      Executable call) {
    List<TckDoc> before = snapshot(repo);
    E e = assertThrows(type, call);
    assertEquals(before, snapshot(repo), "a refused call must leave the table unchanged");
    return e;
  }

  /** Asserts that an absent optional feature fails cleanly and changes nothing. */
  static OperationNotSupportedException expectUnsupported(StandardRepo<TckDoc, String> repo, Executable call) {
    return expectRefusedUnchanged(repo, OperationNotSupportedException.class, call);
  }

  /** Asserts that the exception is a repository exception of the given type (for catch-all cases). */
  static <E extends RepositoryException> E expectRepositoryError(Class<E> type, Executable call) {
    return assertThrows(Objects.requireNonNull(type, "type"), call);
  }

  /** Numeric value of an aggregate cell as a double, failing clearly when it is not a number. */
  static double num(Object v) {
    if (!(v instanceof Number)) {
      throw new AssertionError("expected a number, got " + (v == null ? "null" : v.getClass().getSimpleName()));
    }
    return ((Number) v).doubleValue();
  }
}
