/**
 * The tck-certify sample: a third-party {@link io.sqlitekit.spi.StandardRepo} to certify; not API.
 *
 * <p>Parameters and return values are never null unless stated.
 */
package io.sqlitekit.sample.tckcertify;
