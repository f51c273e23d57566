/**
 * Shared test scaffolding for sqlitekit's own modules, used at test scope only and never published:
 * assertions that pin a module descriptor and load a plugin from a module path
 * ({@link io.sqlitekit.testsupport.ModuleDescriptors}),
 * a settable clock, a raw row reader for byte-level checks of SQLite files, a one-connection JDBC
 * driver for plugin internals tested without core, and the servers tests run against: child processes
 * ({@link io.sqlitekit.testsupport.ChildProcesses}), killable child JVMs for crash tests
 * ({@link io.sqlitekit.testsupport.ChildJvm}), a dqlite cluster, a local D1 ({@code wrangler dev}) and an
 * in-JVM fake of D1's HTTP API.
 *
 * <p>It depends on the SPI only, never on core, so that core's own tests can use it without a cycle. Plugin
 * hook tests run the real hook engine instead (the in-memory kit, or {@code io.sqlitekit.support}'s engine).
 *
 * @since 0.1.0
 */
module io.sqlitekit.testsupport {
  // JdbcTestDriver implements SqliteDriver, which callers use directly.
  requires transitive io.sqlitekit.spi;
  // The assertions fail through JUnit's AssertionFailedError, which callers' tests see.
  requires transitive org.junit.jupiter.api;
  // SqliteFiles and JdbcTestDriver use JDBC; the SQLite driver itself comes from the caller's class path.
  requires java.sql;
  // WranglerDev polls the local D1 explorer; FakeD1Server plays D1's HTTP API in-JVM.
  requires java.net.http;
  requires jdk.httpserver;

  exports io.sqlitekit.testsupport;
}
