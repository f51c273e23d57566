/**
 * Internal, not API, may change: dqlite wire framing (message encoder/decoder), the socket transport with
 * its deadlines, address parsing and the SQL scanner. It speaks {@link java.io.IOException} and plain Java
 * values and does not depend on the exported package, which translates everything into the typed family.
 *
 * <p>Parameters and return values are never null unless stated.
 */
package io.sqlitekit.dqlite.client.internal;
