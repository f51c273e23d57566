/**
 * A dependency-free client for dqlite's wire protocol, version 1: leader discovery over a list of nodes,
 * one database per connection, prepared statements with a per-connection cache, streamed multi-batch rows,
 * failures decoded into SQLite result codes, connect/read timeouts and per-call deadlines, optional TLS.
 *
 * <p>It needs nothing but {@code java.base} and knows nothing of sqlitekit's driver SPI; the dqlite driver
 * adapts it. Entry point: {@link io.sqlitekit.dqlite.client.DqliteClient}.
 *
 * @since 0.1.0
 */
module io.sqlitekit.dqlite.client {
  // java.base only (sockets, javax.net for TLS, System.Logger): no requires clause on purpose.
  exports io.sqlitekit.dqlite.client;
}
