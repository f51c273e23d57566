package io.sqlitekit.spi.audit;

import io.sqlitekit.spi.driver.SqlSession;
import java.sql.SQLException;
import java.util.List;

/**
 * An exporter that writes entries into the audited database, inside the audited write's own transaction: the
 * audit plugin hands it the write's {@link SqlSession} explicitly, from a before-commit hook, so its rows commit
 * or roll back together with the change and never open a transaction or savepoint of their own. Being of this
 * type is what makes an exporter transactional; every other {@link AuditExporter} runs after the commit.
 *
 * <p>Implementations must be thread-safe; the session is valid only during {@link #export(List, SqlSession)}.
 *
 * @since 0.2.0
 */
public interface TransactionalAuditExporter extends AuditExporter {
  /**
   * Returns the idempotent DDL the exporter needs (its table), run once when the audit plugin installs on a
   * repository.
   *
   * @return a script, or an empty string for none
   */
  default String schemaScript() {
    return "";
  }

  /**
   * Writes the entries of one call through the write's session.
   *
   * @param entries the entries, at least one, in order
   * @param session the session of the write transaction
   * @throws SQLException if a statement fails (the write then rolls back)
   */
  void export(List<AuditEntry> entries, SqlSession session) throws SQLException;

  /**
   * Refuses: a transactional exporter needs the write's session.
   *
   * @param entry the entry
   * @throws IllegalStateException always
   */
  @Override
  default void export(AuditEntry entry) {
    throw new IllegalStateException("audit exporter \"" + name() + "\" writes only inside an audited write's "
        + "transaction, through the audit plugin");
  }
}
