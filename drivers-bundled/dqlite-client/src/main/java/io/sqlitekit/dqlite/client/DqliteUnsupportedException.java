package io.sqlitekit.dqlite.client;

/**
 * The server lacks a feature the request needs, found out without side effects; nothing of the request
 * was sent and the connection stays usable. Today: more than 255 parameters on a server older than
 * dqlite 1.12, which reads only a one-byte parameter count and would bind the wrong values.
 *
 * @since 0.1.0
 */
public final class DqliteUnsupportedException extends DqliteException {
  private static final long serialVersionUID = 1L;

  DqliteUnsupportedException(String message, String address) {
    super(message, address, null);
  }
}
