/**
 * The JMH benchmark suite: sqlitekit side by side with raw JDBC, jOOQ and JDBI on one SQLite file. Not published;
 * run from the shaded {@code target/benchmarks.jar} on the class path.
 */
module io.sqlitekit.bench {
  // The system under test and its policy plugins (enabled by name, found by ServiceLoader).
  requires io.sqlitekit.core;
  // Keyset workloads encode their start cursor with the kits' own codec.
  requires io.sqlitekit.support;
  // The multi-tenant workloads bind their tenant with the plugin's own context key (Tenants.TENANT_ID).
  requires io.sqlitekit.plugin.tenant;
  // DqliteBenchmarks starts a real 3-node dqlite cluster (the driver itself is found by ServiceLoader).
  requires io.sqlitekit.testsupport;
  // Full-text and nearest-neighbour search workloads (W8, W9).
  requires io.sqlitekit.plugin.fts;
  requires io.sqlitekit.plugin.vector;
  // The raw JDBC baseline talks to sqlite-jdbc directly.
  requires org.xerial.sqlitejdbc;
  // The two alternatives a Java user would pick instead.
  requires org.jooq;
  requires org.jdbi.v3.core;
  // JMH annotations and runner.
  requires jmh.core;
  // Total memory of the machine for the report header.
  requires jdk.management;
}
