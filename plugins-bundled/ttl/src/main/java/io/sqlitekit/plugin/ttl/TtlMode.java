package io.sqlitekit.plugin.ttl;

/**
 * How expired rows are removed. In every mode reads hide expired rows, and {@link TtlSweeper} can sweep
 * on demand.
 *
 * @since 0.1.0
 */
public enum TtlMode {
  /** A daemon thread sweeps every {@link TtlOptions#interval()}, in short batches; stopped when the kit closes. */
  SCHEDULED,
  /**
   * An {@code AFTER INSERT} trigger deletes expired rows on every insert, judged by SQLite's own clock
   * (not the kit's clock) at millisecond precision. Also creates the expiry index.
   */
  TRIGGER,
  /** Nothing is removed automatically; reads hide expired rows and sweeps run only when called. */
  LAZY
}
