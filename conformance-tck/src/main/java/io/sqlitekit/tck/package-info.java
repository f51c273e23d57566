/**
 * The TCK's public API: the {@link io.sqlitekit.tck.RepoHarness} SPI an implementation provides, the
 * {@link io.sqlitekit.tck.Requires} annotation that gates scenarios on {@link io.sqlitekit.spi.Capability}
 * constants (the vocabulary a repository reports its capabilities in), the TCK's document type and table,
 * and the {@link io.sqlitekit.tck.TckRunner} command line.
 *
 * <p>Parameters and return values are never null unless stated.
 *
 * @since 0.1.0
 */
package io.sqlitekit.tck;
