/**
 * The audit plugin ({@code "audit"}): one {@link io.sqlitekit.spi.audit.AuditEntry} per written row or
 * bulk operation, handed to exporters given as instances or found by name among the
 * {@link io.sqlitekit.spi.audit.AuditExporter} services. Bundles the {@code "table"} exporter (an
 * {@code _audit} table, transactional with the change inside {@code withTransaction}) and the
 * {@code "slf4j"} exporter.
 *
 * @uses io.sqlitekit.spi.audit.AuditExporter exporters enabled by name
 * @uses io.sqlitekit.spi.json.JsonCodec writes the table exporter's JSON images (built-in codec when none)
 * @provides io.sqlitekit.spi.plugin.PluginProvider the {@code "audit"} plugin
 * @provides io.sqlitekit.spi.audit.AuditExporter the {@code "table"} and {@code "slf4j"} exporters
 * @since 0.1.0
 */
module io.sqlitekit.plugin.audit {
  // AuditOptions and the exporters expose spi types (AuditExporter, AuditEntry, Operation) in their signatures.
  requires transitive io.sqlitekit.spi;
  // The slf4j exporter writes audit lines through the SLF4J API.
  requires org.slf4j;
  // The codec selection rule and the built-in JSON codec, shared with the kits; not part of our API.
  requires io.sqlitekit.support;

  exports io.sqlitekit.plugin.audit;

  uses io.sqlitekit.spi.audit.AuditExporter;
  uses io.sqlitekit.spi.json.JsonCodec;

  provides io.sqlitekit.spi.plugin.PluginProvider with io.sqlitekit.plugin.audit.internal.AuditPluginProvider;
  provides io.sqlitekit.spi.audit.AuditExporter with io.sqlitekit.plugin.audit.TableAuditExporter,
      io.sqlitekit.plugin.audit.Slf4jAuditExporter;
}
