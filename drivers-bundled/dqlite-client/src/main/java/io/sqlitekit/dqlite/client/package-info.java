/**
 * A client for dqlite's wire protocol: {@link io.sqlitekit.dqlite.client.DqliteClient} finds the leader of
 * a cluster and opens {@link io.sqlitekit.dqlite.client.DqliteConnection}s to it; a connection runs
 * statements and streams {@link io.sqlitekit.dqlite.client.DqliteRows}; every failure is a
 * {@link io.sqlitekit.dqlite.client.DqliteException}.
 *
 * <p>Parameters and return values are never null unless stated; SQL NULL travels as Java {@code null}.
 */
package io.sqlitekit.dqlite.client;
