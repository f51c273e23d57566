/**
 * The conformance TCK for {@link io.sqlitekit.spi.StandardRepo}: JUnit 5 contract tests over a harness SPI,
 * feature-gated scenarios with visible skips, and a command-line runner that prints a certification report.
 *
 * <p>Implementers provide a {@link io.sqlitekit.tck.RepoHarness} through {@code ServiceLoader} and run the
 * classes of {@code io.sqlitekit.tck.suite} with Surefire ({@code dependenciesToScan}) or with
 * {@link io.sqlitekit.tck.TckRunner}. Plugin authors extend {@link io.sqlitekit.tck.plugin.PluginConformance}.
 *
 * @uses io.sqlitekit.tck.RepoHarness
 * @since 0.1.0
 */
module io.sqlitekit.tck {
  // The contract under test (StandardRepo, Filter IR, TableDef) appears in the harness SPI signatures.
  requires transitive io.sqlitekit.spi;
  // The contract tests are Jupiter tests; the extensions implement Jupiter's extension API.
  requires org.junit.jupiter.api;
  // TckRunner launches the suite through the JUnit Platform launcher.
  requires org.junit.platform.launcher;

  exports io.sqlitekit.tck;
  exports io.sqlitekit.tck.suite;
  exports io.sqlitekit.tck.plugin;

  // Jupiter instantiates the contract test classes reflectively.
  opens io.sqlitekit.tck.suite to org.junit.platform.commons;
  // Plugin authors' test classes inherit PluginConformance's test methods, which Jupiter calls reflectively.
  opens io.sqlitekit.tck.plugin to org.junit.platform.commons;

  uses io.sqlitekit.tck.RepoHarness;
}
