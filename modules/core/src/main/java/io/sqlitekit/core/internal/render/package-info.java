/**
 * Internal, not API, may change. Filter and statement rendering into SQLite SQL with bound parameters.
 *
 * <p>Parameters and return values are never null unless stated.
 */
package io.sqlitekit.core.internal.render;
