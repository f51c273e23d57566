package io.sqlitekit.d1.client;

import java.util.Objects;

/**
 * A database as the API lists it.
 *
 * @param uuid the database id used in request paths
 * @param name its name; on the local explorer this is the Worker's binding name (e.g. {@code DB})
 * @since 0.1.0
 */
public record D1Database(String uuid, String name) {
  /**
   * Checks the fields.
   *
   * @param uuid the id, not null
   * @param name the name, not null
   */
  public D1Database {
    Objects.requireNonNull(uuid, "uuid");
    Objects.requireNonNull(name, "name");
  }
}
