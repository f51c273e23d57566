/**
 * The Cloudflare D1 driver of sqlitekit: runs the kit's statements through D1's HTTP API (production REST or
 * the local explorer of {@code wrangler dev}) with the {@code io.sqlitekit.d1.client} client. D1 has no
 * interactive transactions, so this driver reports {@code interactiveTransactions() == false} and runs at most
 * one writing request per unit of write work. Exports nothing: it is used only through
 * {@link io.sqlitekit.spi.driver.DriverProvider}.
 *
 * @provides io.sqlitekit.spi.driver.DriverProvider the {@code "d1"} driver for {@code d1://},
 *     {@code d1+http://} and {@code d1+https://} URLs
 * @since 0.1.0
 */
module io.sqlitekit.driver.d1 {
  // The driver SPI it implements (SqliteDriver, DriverProvider, options, error family).
  requires io.sqlitekit.spi;
  // The HTTP client for D1's query API.
  requires io.sqlitekit.d1.client;

  provides io.sqlitekit.spi.driver.DriverProvider
      with io.sqlitekit.driver.d1.internal.D1DriverProvider;
}
