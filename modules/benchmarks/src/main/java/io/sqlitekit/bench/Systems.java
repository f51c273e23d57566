package io.sqlitekit.bench;

import java.nio.file.Path;

/** Opens a system under test by its benchmark parameter name. */
final class Systems {
  private Systems() {
  }

  static UserStore open(String system, Path file) {
    switch (system) {
      case "jdbc":
        return new JdbcStore(file);
      case "sqlitekit":
        return new SqlitekitStore(file);
      case "jooq":
        return new JooqStore(file);
      case "jdbi":
        return new JdbiStore(file);
      case "sqlitekit-nogc":
        return SqlitekitStore.withoutGroupCommit(file);
      case "sqlitekit-cache":
        return new SqlitekitStore(file, "cache");
      case "sqlitekit-policy":
        return new SqlitekitStore(file, "multi-tenant", "soft-delete");
      default:
        throw new IllegalArgumentException("unknown system " + system);
    }
  }
}
