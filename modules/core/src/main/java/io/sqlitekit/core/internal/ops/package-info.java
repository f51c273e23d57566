/**
 * Internal, not API, may change. The SQLite execution of the newer contract's optional operations that need
 * statements of their own: the one-statement claim and the archive move.
 */
package io.sqlitekit.core.internal.ops;
