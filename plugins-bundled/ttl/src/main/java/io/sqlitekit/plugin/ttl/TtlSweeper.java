package io.sqlitekit.plugin.ttl;

import io.sqlitekit.plugin.ttl.internal.TtlTables;
import io.sqlitekit.spi.MinimalRepo;
import java.util.Objects;

/**
 * Sweeps expired rows on demand, in batches (see {@link TtlPlugin}).
 *
 * <p>A sweep deletes rows whose expiry is at or before the kit clock's current instant (milliseconds),
 * {@link TtlOptions#batchSize()} rows per write transaction, until a batch comes back short. Rows that expire
 * while the sweep runs may be left for the next sweep. Thread-safe; concurrent sweeps of one table are
 * harmless.
 *
 * @since 0.1.0
 */
public final class TtlSweeper {
  private TtlSweeper() {
  }

  /**
   * Sweeps the repository's table in every open kit where the TTL plugin is installed on it.
   *
   * @param repo a repository of a kit with the TTL plugin
   * @return the number of rows removed
   * @throws NullPointerException if {@code repo} is null
   * @throws IllegalStateException if no open kit has the TTL plugin installed on the repository's table
   */
  public static long sweepExpired(MinimalRepo<?, ?> repo) {
    Objects.requireNonNull(repo, "repo");
    return TtlTables.sweep(repo.table());
  }

  /**
   * Sweeps every table of every open kit with the TTL plugin installed.
   *
   * @return the number of rows removed
   */
  public static long sweepAll() {
    return TtlTables.sweepAll();
  }
}
