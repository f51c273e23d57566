package io.sqlitekit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.schema.IndexInfo;
import io.sqlitekit.core.schema.Indexes;
import io.sqlitekit.spi.filter.Filters;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexesIT {
  @TempDir
  Path dir;

  @Test
  void createListDropAndReindex() {
    try (SqliteKit kit = Fixtures.open(dir)) {
      kit.execute(Indexes.create("users", List.of("age", "name"), false, null, null, true));
      kit.execute(Indexes.create(Fixtures.USERS, List.of("name"), true, Filters.isNotNull("age"), "u_name", true,
          kit.jsonCodec()));
      kit.execute("CREATE INDEX d_age ON users (age DESC)");
      Map<String, IndexInfo> byName = Indexes.list(kit, "users").stream()
          .collect(Collectors.toMap(IndexInfo::name, Function.identity()));
      IndexInfo composite = byName.get("idx_users_age_name");
      assertEquals(List.of(new IndexInfo.Column("age", false), new IndexInfo.Column("name", false)),
          composite.columns());
      assertEquals(false, composite.unique());
      assertEquals(false, composite.auto());
      assertNull(composite.partialWhere());
      IndexInfo partial = byName.get("u_name");
      assertTrue(partial.unique());
      assertEquals("\"age\" IS NOT NULL", partial.partialWhere());
      assertEquals(List.of(new IndexInfo.Column("age", true)), byName.get("d_age").columns());
      IndexInfo pk = byName.get("sqlite_autoindex_users_1");
      assertTrue(pk.auto() && pk.unique());
      assertTrue(byName.containsKey("sqlite_autoindex_users_2"), "UNIQUE email");
      assertTrue(Indexes.list(kit.driver(), "docs").isEmpty(), "INTEGER PRIMARY KEY has no index");
      kit.execute(Indexes.drop("d_age", true));
      kit.execute(Indexes.drop("d_age", true));
      kit.execute(Indexes.reindex("users"));
      kit.execute(Indexes.reindex(null));
      assertEquals(4, Indexes.list(kit, "users").size());
    }
  }
}
