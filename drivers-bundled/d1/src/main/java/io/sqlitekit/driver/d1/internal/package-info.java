/**
 * Internal, not API, may change: the D1 driver, its session, cursor and error translation.
 */
package io.sqlitekit.driver.d1.internal;
