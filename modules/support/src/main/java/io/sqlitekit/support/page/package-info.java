/**
 * Keyset-pagination helpers shared by every repository implementation: {@link
 * io.sqlitekit.support.page.KeysetCursors} turns the sort-key values of a page's last row into an opaque,
 * integrity-checked cursor bound to one table and one sort, and {@link io.sqlitekit.support.page.KeysetFilters}
 * builds the Filter IR predicate that selects the rows strictly after those values, with SQLite's NULL
 * ordering. Keeping both here means the SQLite and in-memory repositories page identically and accept each
 * other's cursors.
 *
 * <p>Parameters and return values are never null unless stated; sort-key values inside lists and maps may be
 * null.
 *
 * @since 0.1.0
 */
package io.sqlitekit.support.page;
