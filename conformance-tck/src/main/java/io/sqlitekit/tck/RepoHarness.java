package io.sqlitekit.tck;

import io.sqlitekit.spi.Capabilities;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.table.TableDef;
import java.util.Map;
import java.util.Optional;

/**
 * What an implementation provides to be certified by the TCK, through {@code ServiceLoader}
 * ({@code META-INF/services/io.sqlitekit.tck.RepoHarness} or {@code provides} in a module descriptor).
 *
 * <p>The TCK calls {@link #create(TableDef)} once per test and {@link #cleanup()} after it; contract tests
 * never run concurrently (they share a JUnit resource lock), so a harness needs no synchronisation. The
 * capabilities declared here decide which scenarios run. The repository's {@code capabilities()} must report
 * exactly the same set: a harness that declares a capability its repository does not report fails every
 * scenario, and {@code HarnessContractTest#capabilities_matchDeclaredFeatures} fails on any difference.
 *
 * @since 0.1.0
 */
public interface RepoHarness {
  /**
   * Returns the harness name, used in display names, in the report and by {@code sqlitekit.tck.harness}.
   *
   * @return a short, unique, lower-case-hyphenated name
   */
  String name();

  /**
   * Returns the capabilities the implementation under test supports, for example
   * {@code Capabilities.full().without(Capability.RAW_FILTER)}. Declare them rather than asking a repository,
   * so the TCK can hold the repository to them.
   *
   * @return the capabilities
   */
  Capabilities capabilities();

  /**
   * Creates a fresh, empty repository over the given table. Every call returns an isolated store: rows
   * written in one test are never visible in another.
   *
   * @param table the TCK table ({@link TckSchema#TABLE})
   * @return the repository
   */
  StandardRepo<TckDoc, String> create(TableDef table);

  /**
   * Creates a view over the table of the last {@link #create(TableDef)} and returns a read-only repository
   * over it, set up like the repository {@code create} returned (same plugins, same context such as a
   * tenant). The view exposes the table's rows matching {@code where}, with the view's columns; a harness
   * whose table has extra plugin columns adds them to the view as it did to the table. Views are optional: a
   * harness that does not override this method has the view scenarios reported as skipped, with the reason.
   *
   * @param view the view definition: {@link TckSchema#TABLE}'s columns under another name, as a view
   * @param where the rows of the table the view exposes
   * @return the read-only repository over the view, or empty when the implementation has no views
   * @since 0.3.0
   */
  default Optional<StandardRepo<TckDoc, String>> createView(TableDef view, Filter where) {
    return Optional.empty();
  }

  /**
   * Creates a second table in the store of the repository {@link #create(TableDef)} last returned, and returns
   * a repository over it set up exactly like that one (same plugins, same context, same hidden seed rows).
   * Scenarios that move rows between tables ({@code archiveByFilter}) use it; the definition already holds
   * every column the plugins manage, so it is created as given. The default refuses, and those scenarios are
   * reported as skipped for the harness.
   *
   * @param table the table to create
   * @return the repository over it
   * @throws io.sqlitekit.spi.error.OperationNotSupportedException if the harness cannot create tables
   * @since 0.3.0
   */
  default StandardRepo<TckDoc, String> createCompanion(TableDef table) {
    throw new io.sqlitekit.spi.error.OperationNotSupportedException(name() + " cannot create a second table");
  }

  /**
   * Releases what the last {@link #create(TableDef)} acquired (connections, files). Called after each test,
   * also when it failed.
   */
  default void cleanup() {
  }

  /**
   * Returns known disagreements: test IDs ({@code SimpleClassName#method}, for example
   * {@code FilterContractTest#ne_excludesNullRows}) mapped to the reason. Suppressed tests are skipped with
   * the reason, and the list is printed in the certification report.
   *
   * @return test ID to reason; empty by default
   */
  default Map<String, String> suppressed() {
    return Map.of();
  }
}
