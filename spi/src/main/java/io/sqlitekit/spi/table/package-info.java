/**
 * The table model shared by every implementation: {@link io.sqlitekit.spi.table.TableDef},
 * {@link io.sqlitekit.spi.table.Column} with its storage class, mode and value codec, and
 * {@link io.sqlitekit.spi.table.RowMapper} for records and {@code Map} documents.
 *
 * <p>Codecs live here rather than in one implementation so that the SQLite kit and the in-memory kit
 * convert values identically. Parameters and return values are never null unless stated.
 *
 * @since 0.1.0
 */
package io.sqlitekit.spi.table;
