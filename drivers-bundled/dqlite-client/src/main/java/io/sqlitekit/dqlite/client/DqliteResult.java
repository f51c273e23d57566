package io.sqlitekit.dqlite.client;

/**
 * The outcome of a statement that returns no rows.
 *
 * @param lastInsertId the rowid of the most recent successful INSERT on this connection
 *     ({@code sqlite3_last_insert_rowid})
 * @param rowsAffected rows changed by the statement ({@code sqlite3_changes}); for several statements
 *     sent as one text, those of the last one
 * @since 0.1.0
 */
public record DqliteResult(long lastInsertId, long rowsAffected) {}
