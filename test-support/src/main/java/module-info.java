/**
 * Shared test scaffolding for sqlitekit's own modules, used at test scope only and never published: a
 * stand-in hook runner for plugin unit tests ({@link io.sqlitekit.testsupport.FakeHooks}), assertions that
 * pin a module descriptor and load a plugin from a module path ({@link io.sqlitekit.testsupport.ModuleDescriptors}),
 * a settable clock, a raw row reader for byte-level checks of SQLite files, and a one-connection JDBC
 * driver for plugin internals tested without core.
 *
 * <p>It depends on the SPI only, never on core, so that core's own tests can use it without a cycle.
 *
 * @since 0.1.0
 */
module io.sqlitekit.testsupport {
  // FakeHooks implements HookRegistry/HookContext, which callers use directly.
  requires transitive io.sqlitekit.spi;
  // The assertions fail through JUnit's AssertionFailedError, which callers' tests see.
  requires transitive org.junit.jupiter.api;
  // SqliteFiles and JdbcTestDriver use JDBC; the SQLite driver itself comes from the caller's class path.
  requires java.sql;

  exports io.sqlitekit.testsupport;
}
