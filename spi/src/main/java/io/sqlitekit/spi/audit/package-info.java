/**
 * The audit SPI: {@link io.sqlitekit.spi.audit.AuditEntry} and {@link io.sqlitekit.spi.audit.AuditExporter}.
 *
 * <p>Parameters and return values are never null unless stated.
 *
 * @since 0.1.0
 */
package io.sqlitekit.spi.audit;
