package io.sqlitekit.driver.dqlite.internal;

import io.sqlitekit.dqlite.client.DqliteConnection;
import java.sql.SQLException;

/**
 * Internal, not API, may change. One slot of the driver (the writer or a reader) holding at most one
 * connection to the leader, opened lazily and replaced after it was lost. Used by one thread at a time (the
 * writer lock or the reader pool guarantees it).
 *
 * @since 0.1.0
 */
final class Link {
  private final DqliteDriver driver;
  private final String role;
  private final boolean reader;
  private DqliteConnection conn;

  Link(DqliteDriver driver, String role, boolean reader) {
    this.driver = driver;
    this.role = role;
    this.reader = reader;
  }

  String role() {
    return role;
  }

  /**
   * Returns the open connection, connecting (with leader discovery) when there is none or it broke.
   *
   * @param mayConnect false inside a transaction: a new connection would run the rest outside it
   */
  DqliteConnection get(boolean mayConnect) throws SQLException {
    if (conn != null && conn.isOpen()) {
      return conn;
    }
    if (!mayConnect) {
      DqliteConnection lost = conn;
      throw new DqliteSqlException(DqliteSqlException.Kind.LOST_UNSENT, "the " + role
          + " connection to the dqlite leader was lost during the transaction"
          + (lost == null ? "" : " (" + lost + ")"), 0, null);
    }
    drop();
    conn = driver.connect(role, reader);
    return conn;
  }

  /** Closes and forgets the connection (the next {@link #get} reconnects); the server rolls back its work. */
  void drop() {
    if (conn != null) {
      conn.close();
      conn = null;
    }
  }
}
