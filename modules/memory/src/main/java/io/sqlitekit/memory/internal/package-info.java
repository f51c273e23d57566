/**
 * Internal, not API, may change. The in-memory engine: SQLite value order and LIKE matching, the filter
 * evaluator with three-valued logic, table stores and the undo log behind transactions, and the execution
 * parts the repository façade puts together: row writes ({@code StoreWrites}), aggregates
 * ({@code Aggregation}), batches ({@code StoreBatch}) and row helpers ({@code Rows}).
 *
 * <p>Parameters and return values are never null unless stated.
 *
 * @since 0.1.0
 */
package io.sqlitekit.memory.internal;
