/**
 * The audit plugin: {@link io.sqlitekit.plugin.audit.AuditPlugin} builds it from
 * {@link io.sqlitekit.plugin.audit.AuditOptions}; {@link io.sqlitekit.plugin.audit.TableAuditExporter} and
 * {@link io.sqlitekit.plugin.audit.Slf4jAuditExporter} are the bundled exporters.
 *
 * <p>Parameters and return values are never null unless stated.
 *
 * @since 0.1.0
 */
package io.sqlitekit.plugin.audit;
