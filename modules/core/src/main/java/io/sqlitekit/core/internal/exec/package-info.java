/**
 * Internal, not API, may change. Execution of rendered statements through the driver session: reading rows
 * into values, field maps and entities, the per-row writes, the bulk insert, keyset pages and streams,
 * aggregates and batches. {@link io.sqlitekit.core.SqliteRepository} is the façade over these parts.
 *
 * <p>Parameters and return values are never null unless stated.
 */
package io.sqlitekit.core.internal.exec;
