package io.sqlitekit.dqlite.client;

import java.util.Objects;

/**
 * One node of a dqlite cluster.
 *
 * @param id the node's Raft id
 * @param address its database address, {@code host:port}
 * @param role its role; {@link DqliteRole#VOTER} for the leader reported by {@code LEADER}
 * @since 0.1.0
 */
public record DqliteNode(long id, String address, DqliteRole role) {
  /**
   * Checks the components.
   *
   * @param id the node's Raft id
   * @param address its database address
   * @param role its role
   * @throws NullPointerException if {@code address} or {@code role} is null
   */
  public DqliteNode {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(role, "role");
  }
}
