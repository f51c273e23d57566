package io.sqlitekit.dqlite.client;

/**
 * A node's role in the Raft configuration, as the {@code CLUSTER} listing reports it.
 *
 * @since 0.1.0
 */
public enum DqliteRole {
  /** Replicates the log and votes in elections (wire code 0). */
  VOTER,
  /** Replicates the log, does not vote (wire code 1). */
  STANDBY,
  /** Neither replicates nor votes (wire code 2). */
  SPARE,
  /** A code this client does not know (a newer server). */
  UNKNOWN;

  static DqliteRole ofCode(long code) {
    if (code == 0) {
      return VOTER;
    } else if (code == 1) {
      return STANDBY;
    } else if (code == 2) {
      return SPARE;
    }
    return UNKNOWN;
  }
}
