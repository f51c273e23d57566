/**
 * Filter rules shared by every kit: {@link io.sqlitekit.support.filter.FilterNormalizer} folds the
 * contract's constants (null comparisons, empty {@code in}/{@code nin}, AND/OR absorption, NOT of a
 * constant) once, before a kit renders SQL or evaluates rows.
 */
package io.sqlitekit.support.filter;
