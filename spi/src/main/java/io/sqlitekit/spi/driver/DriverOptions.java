package io.sqlitekit.spi.driver;

import io.sqlitekit.spi.error.Messages;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Options a driver is opened with.
 *
 * @param preset the pragma preset
 * @param pragmas extra pragmas applied after the preset (overriding it), in order
 * @param readerPoolSize reader connections for WAL databases, at least 1
 * @param statementCacheSize prepared statements cached per connection, 0 to disable
 * @param writeLockTimeout how long a caller waits for the in-process writer lock before a
 *     {@link io.sqlitekit.spi.error.TransientConflictException}
 * @param statementListener sees every statement the driver runs, or null for none (then listening costs
 *     nothing)
 * @param groupCommit when true (the {@link #defaults()}), writers that queue for the writer lock of a WAL database
 *     share one transaction, each in its own savepoint, and one commit (fewer commits under contention, a little
 *     more latency per write;
 *     every write still returns only after its commit, and the writer lock trades arrival order for
 *     throughput: a writer that finds it free may go before queued ones); drivers where it does not apply
 *     ignore it
 * @since 0.1.0
 */
public record DriverOptions(PragmaPreset preset, Map<String, String> pragmas, int readerPoolSize,
    int statementCacheSize, Duration writeLockTimeout, StatementListener statementListener,
    boolean groupCommit) {
  /**
   * Validates the options.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if a size is out of range or a pragma name is not an identifier
   */
  public DriverOptions {
    Objects.requireNonNull(preset, "preset");
    Map<String, String> copy = new LinkedHashMap<>();
    Objects.requireNonNull(pragmas, "pragmas").forEach((k, v) -> {
      if (!k.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException("invalid pragma name " + Messages.quote(k));
      }
      if (!Objects.requireNonNull(v, "pragma value").matches("[A-Za-z0-9_+\\-.]+")) {
        throw new IllegalArgumentException("invalid value for pragma " + Messages.quote(k)
            + ": letters, digits, _+-. only");
      }
      copy.put(k, v);
    });
    pragmas = Collections.unmodifiableMap(copy);
    if (readerPoolSize < 1) {
      throw new IllegalArgumentException("readerPoolSize must be >= 1, was " + readerPoolSize);
    }
    if (statementCacheSize < 0) {
      throw new IllegalArgumentException("statementCacheSize must be >= 0, was " + statementCacheSize);
    }
    Objects.requireNonNull(writeLockTimeout, "writeLockTimeout");
    if (writeLockTimeout.isNegative()) {
      throw new IllegalArgumentException("writeLockTimeout must not be negative");
    }
  }

  /**
   * Options without group commit.
   *
   * @param preset the pragma preset
   * @param pragmas extra pragmas applied after the preset
   * @param readerPoolSize reader connections for WAL databases, at least 1
   * @param statementCacheSize prepared statements cached per connection, 0 to disable
   * @param writeLockTimeout how long a caller waits for the in-process writer lock
   * @param statementListener sees every statement the driver runs, or null for none
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if a size is out of range or a pragma name is not an identifier
   */
  public DriverOptions(PragmaPreset preset, Map<String, String> pragmas, int readerPoolSize,
      int statementCacheSize, Duration writeLockTimeout, StatementListener statementListener) {
    this(preset, pragmas, readerPoolSize, statementCacheSize, writeLockTimeout, statementListener, false);
  }

  /**
   * Options without a statement listener.
   *
   * @param preset the pragma preset
   * @param pragmas extra pragmas applied after the preset
   * @param readerPoolSize reader connections for WAL databases, at least 1
   * @param statementCacheSize prepared statements cached per connection, 0 to disable
   * @param writeLockTimeout how long a caller waits for the in-process writer lock
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if a size is out of range or a pragma name is not an identifier
   */
  public DriverOptions(PragmaPreset preset, Map<String, String> pragmas, int readerPoolSize,
      int statementCacheSize, Duration writeLockTimeout) {
    this(preset, pragmas, readerPoolSize, statementCacheSize, writeLockTimeout, null, false);
  }

  /**
   * Production pragmas, 8 readers, 256 cached statements per connection, 30 s writer-lock wait, group commit on
   * (opt out with {@code withGroupCommit(false)}: writers then go in arrival order and commit one by one).
   * Eight readers rather than four (0.3.0): with many threads on few cores a thread holding a reader is often
   * descheduled, and the others waited for it (80/20 mix at 16 threads on 2 cores: 223k operations/s with 4, 286k
   * with 8, 325k with 16; one and four threads unchanged). Each reader keeps its own page cache, so the memory
   * a busy pool can use grows with it; set {@link #withReaderPoolSize} to trade one for the other.
   *
   * @return the defaults
   */
  public static DriverOptions defaults() {
    return new DriverOptions(PragmaPreset.PRODUCTION, Map.of(), 8, 256, Duration.ofSeconds(30), null, true);
  }

  /**
   * Returns a copy with another preset.
   *
   * @param newPreset the preset
   * @return the new options
   */
  public DriverOptions withPreset(PragmaPreset newPreset) {
    return new DriverOptions(newPreset, pragmas, readerPoolSize, statementCacheSize,
        writeLockTimeout, statementListener, groupCommit);
  }

  /**
   * Returns a copy with one more pragma.
   *
   * @param name the pragma
   * @param value its value
   * @return the new options
   */
  public DriverOptions withPragma(String name, String value) {
    Map<String, String> m = new LinkedHashMap<>(pragmas);
    m.put(name, value);
    return new DriverOptions(preset, m, readerPoolSize, statementCacheSize,
        writeLockTimeout, statementListener, groupCommit);
  }

  /**
   * Returns a copy with another reader pool size.
   *
   * @param size the number of reader connections
   * @return the new options
   */
  public DriverOptions withReaderPoolSize(int size) {
    return new DriverOptions(preset, pragmas, size, statementCacheSize,
        writeLockTimeout, statementListener, groupCommit);
  }

  /**
   * Returns a copy with another writer-lock wait.
   *
   * @param timeout the wait
   * @return the new options
   */
  public DriverOptions withWriteLockTimeout(Duration timeout) {
    return new DriverOptions(preset, pragmas, readerPoolSize, statementCacheSize,
        timeout, statementListener, groupCommit);
  }

  /**
   * Returns a copy with another statement listener.
   *
   * @param listener sees every statement the driver runs, or null for none
   * @return the new options
   */
  public DriverOptions withStatementListener(StatementListener listener) {
    return new DriverOptions(preset, pragmas, readerPoolSize, statementCacheSize,
        writeLockTimeout, listener, groupCommit);
  }

  /**
   * Returns a copy with group commit switched on or off (see {@link #groupCommit()}).
   *
   * @param enabled true to let queued writers share one commit
   * @return the new options
   */
  public DriverOptions withGroupCommit(boolean enabled) {
    return new DriverOptions(preset, pragmas, readerPoolSize, statementCacheSize,
        writeLockTimeout, statementListener, enabled);
  }

  /**
   * Returns the effective pragmas: the preset's, then the extra ones (overriding), in order.
   *
   * @return pragma name to value
   */
  public Map<String, String> effectivePragmas() {
    Map<String, String> m = new LinkedHashMap<>(preset.pragmas());
    m.putAll(pragmas);
    return Collections.unmodifiableMap(m);
  }
}
