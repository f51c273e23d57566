package io.sqlitekit.spi.audit;

/**
 * Receives audit entries. Found by {@link java.util.ServiceLoader} or given to the audit plugin.
 *
 * <p>{@link #export} runs on the writing thread after the write committed (inside the caller's transaction when
 * there is one). An exporter that must commit or roll back with the change implements
 * {@link TransactionalAuditExporter} instead and receives the write's session. Implementations must be
 * thread-safe.
 *
 * @since 0.1.0
 */
public interface AuditExporter {
  /**
   * Returns the exporter's name, for example {@code "table"} or {@code "slf4j"}.
   *
   * @return the name
   */
  String name();

  /**
   * Exports one entry.
   *
   * @param entry the entry
   */
  void export(AuditEntry entry);
}
