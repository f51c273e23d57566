package io.sqlitekit.dqlite.client;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Leader discovery gave up: within the discovery timeout no node was reachable and leading, e.g. because
 * the cluster has lost quorum, is electing a leader for longer than the budget, or no address is right.
 *
 * @since 0.1.0
 */
public final class DqliteNoLeaderException extends DqliteException {
  private static final long serialVersionUID = 1L;

  /** Last reason per node address. */
  private final Map<String, String> lastErrors;
  /** Passes over the node list. */
  private final int passes;
  /** Time spent. */
  private final Duration elapsed;

  DqliteNoLeaderException(Map<String, String> lastErrors, int passes, Duration elapsed) {
    super(String.format(Locale.ROOT, "no dqlite leader found after %d passes over the nodes in %d ms: %s",
        passes, elapsed.toMillis(), lastErrors), null, null);
    this.lastErrors = Collections.unmodifiableMap(new LinkedHashMap<>(lastErrors));
    this.passes = passes;
    this.elapsed = elapsed;
  }

  /**
   * What the last attempt on each node reported, by address, in the order they were tried.
   *
   * @return address to reason
   */
  public Map<String, String> lastErrors() {
    return lastErrors;
  }

  /**
   * How many passes over the node list were made.
   *
   * @return at least 1
   */
  public int passes() {
    return passes;
  }

  /**
   * How long discovery tried.
   *
   * @return the elapsed time
   */
  public Duration elapsed() {
    return elapsed;
  }
}
