/**
 * A dependency-free client for Cloudflare D1's HTTP query API: the Cloudflare REST endpoint
 * ({@code d1://<account>/<database>}) and the local explorer of {@code wrangler dev}
 * ({@code d1+http://host:port/<database>}); exact value mapping both ways, atomic multi-statement batches,
 * failures typed with SQLite result codes, connect/request/overall timeouts, and jittered retries for reads.
 *
 * <p>It needs {@code java.base} and {@code java.net.http} only and knows nothing of sqlitekit's driver SPI;
 * the D1 driver adapts it. Entry point: {@link io.sqlitekit.d1.client.D1Client}.
 *
 * @since 0.1.0
 */
module io.sqlitekit.d1.client {
  requires java.net.http;

  exports io.sqlitekit.d1.client;
}
