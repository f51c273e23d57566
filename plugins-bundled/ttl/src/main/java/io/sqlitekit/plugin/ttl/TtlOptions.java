package io.sqlitekit.plugin.ttl;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Settings of the TTL plugin. Immutable; copy with the {@code withX} methods.
 *
 * <p>Defaults: field {@code expiresAt}, mode {@link TtlMode#SCHEDULED}, a sweep every 60 seconds, 1,000 rows
 * deleted per write transaction. The field must be a timestamp column stored as ISO-8601 text or epoch
 * milliseconds; a row expires at the instant in it (a row whose expiry equals "now" is expired). A NULL
 * expiry means the row never expires.
 *
 * @param field the property key of the expiry column
 * @param mode how expired rows are removed
 * @param interval the delay between scheduled sweeps (SCHEDULED mode)
 * @param batchSize rows deleted per write transaction during a sweep
 * @since 0.1.0
 */
public record TtlOptions(String field, TtlMode mode, Duration interval, int batchSize) {
  /**
   * Validates the options.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if {@code field} is empty, {@code interval} is not positive or
   *     {@code batchSize} is not positive
   */
  public TtlOptions {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(interval, "interval");
    if (field.isEmpty()) {
      throw new IllegalArgumentException("field must not be empty");
    }
    if (interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("interval must be positive but was " + interval);
    }
    if (batchSize <= 0) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "batchSize must be positive but was %d", batchSize));
    }
  }

  /**
   * Returns the defaults: {@code expiresAt}, SCHEDULED, 60 seconds, 1,000 rows per batch.
   *
   * @return the defaults
   */
  public static TtlOptions defaults() {
    return new TtlOptions("expiresAt", TtlMode.SCHEDULED, Duration.ofSeconds(60), 1_000);
  }

  /**
   * Returns a copy with another expiry field.
   *
   * @param name the property key
   * @return the new options
   */
  public TtlOptions withField(String name) {
    return new TtlOptions(name, mode, interval, batchSize);
  }

  /**
   * Returns a copy with another mode.
   *
   * @param newMode the mode
   * @return the new options
   */
  public TtlOptions withMode(TtlMode newMode) {
    return new TtlOptions(field, newMode, interval, batchSize);
  }

  /**
   * Returns a copy with another sweep interval.
   *
   * @param newInterval the delay between scheduled sweeps, positive
   * @return the new options
   */
  public TtlOptions withInterval(Duration newInterval) {
    return new TtlOptions(field, mode, newInterval, batchSize);
  }

  /**
   * Returns a copy with another batch size.
   *
   * @param rows rows deleted per write transaction, positive
   * @return the new options
   */
  public TtlOptions withBatchSize(int rows) {
    return new TtlOptions(field, mode, interval, rows);
  }
}
