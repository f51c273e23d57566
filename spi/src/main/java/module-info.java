/**
 * Contracts and extension points of sqlitekit. No dependencies beyond the JDK.
 *
 * @uses io.sqlitekit.spi.driver.DriverProvider
 * @uses io.sqlitekit.spi.plugin.PluginProvider
 * @uses io.sqlitekit.spi.json.JsonCodec
 * @uses io.sqlitekit.spi.audit.AuditExporter
 * @since 0.1.0
 */
module io.sqlitekit.spi {
  // SQLException is the error currency of the driver SPI (SqlWork, SqlSession, translation).
  requires transitive java.sql;

  exports io.sqlitekit.spi;
  exports io.sqlitekit.spi.filter;
  exports io.sqlitekit.spi.update;
  exports io.sqlitekit.spi.table;
  exports io.sqlitekit.spi.error;
  exports io.sqlitekit.spi.plugin;
  exports io.sqlitekit.spi.driver;
  exports io.sqlitekit.spi.compile;
  exports io.sqlitekit.spi.cache;
  exports io.sqlitekit.spi.audit;
  exports io.sqlitekit.spi.json;
}
