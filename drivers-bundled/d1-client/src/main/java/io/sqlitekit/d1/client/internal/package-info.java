/**
 * Internal, not API, may change: the JSON reader and writer, the SQL scanner, literal rendering, D1's error
 * strings, URL parsing and a size-limited body handler. It speaks plain Java values and checked or
 * standard exceptions and does not depend on the exported package, which translates everything into the
 * typed family.
 *
 * <p>Parameters and return values are never null unless stated.
 */
package io.sqlitekit.d1.client.internal;
