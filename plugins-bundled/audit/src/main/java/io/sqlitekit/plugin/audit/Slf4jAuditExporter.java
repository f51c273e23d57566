package io.sqlitekit.plugin.audit;

import io.sqlitekit.spi.audit.AuditEntry;
import io.sqlitekit.spi.audit.AuditExporter;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each entry at INFO on the logger {@code io.sqlitekit.audit}: operation, table, id, actor, tenant,
 * changed field names and affected rows. Field values are never logged, redacted or not. Thread-safe.
 * Named {@code "slf4j"}.
 *
 * @since 0.1.0
 */
public final class Slf4jAuditExporter implements AuditExporter {
  /** The logger name. */
  public static final String LOGGER_NAME = "io.sqlitekit.audit";

  private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

  /** Creates the exporter (also the ServiceLoader constructor). */
  public Slf4jAuditExporter() {
  }

  @Override
  public String name() {
    return "slf4j";
  }

  @Override
  public void export(AuditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    if (LOG.isInfoEnabled()) {
      LOG.info("audit {} table={} id={} actor={} tenant={} fields={} rows={} at={}", entry.operation(),
          entry.table(), entry.id(), entry.actor(), entry.tenant(), entry.changedFields(),
          entry.affectedRows(), entry.timestamp());
    }
  }
}
