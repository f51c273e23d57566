/**
 * Test scaffolding shared by sqlitekit's modules: {@link io.sqlitekit.testsupport.ModuleDescriptors} pins a compiled
 * {@code module-info} and loads a plugin provider from a module layer, {@link io.sqlitekit.testsupport.MutableClock}
 * is a clock tests move by hand, {@link io.sqlitekit.testsupport.SqliteFiles} reads stored values with
 * their SQLite types, and {@link io.sqlitekit.testsupport.JdbcTestDriver} is a one-connection driver for
 * plugin internals tested without core. Failures are reported as JUnit assertion errors.
 *
 * <p>Parameters and return values are never null unless stated.
 *
 * @since 0.1.0
 */
package io.sqlitekit.testsupport;
