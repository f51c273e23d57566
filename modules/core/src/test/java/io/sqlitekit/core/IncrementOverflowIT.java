package io.sqlitekit.core;

import static io.sqlitekit.core.Fixtures.USERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sqlitekit.core.Fixtures.User;
import io.sqlitekit.spi.BatchStatement;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.plugin.HookPriority;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.update.Update;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite kit's overflow check on the paths only plugins reach: an upsert's conflict update (single and batch)
 * that increments. SQLite itself would store the overflowing sum as a REAL and read it back clamped.
 */
final class IncrementOverflowIT {
  @TempDir
  Path dir;

  @Test
  void upsertConflictUpdate_thatOverflows_isRefusedAndChangesNothing() {
    RepositoryPlugin bump = HooksIT.plugin("bump", r -> r.before(Set.of(Operation.UPSERT, Operation.BATCH),
        HookPriority.DEFAULT, c -> {
          if (c.operation() == Operation.BATCH) {
            List<BatchStatement> out = new ArrayList<>();
            c.batchStatements().forEach(st -> out.add(st.withUpdate(Update.inc("age", 10))));
            c.setBatchStatements(out);
            return;
          }
          c.setUpdate(Update.inc("age", 10));
        }));
    try (SqliteKit kit = Fixtures.builder(dir).plugin(bump).build()) {
      kit.createTable(USERS);
      SqliteRepository<Map<String, Object>, Object> raw = kit.documents(USERS, List.of());
      SqliteRepository<User, String> users = kit.repository(USERS, User.class);
      raw.create(Map.of("id", "near", "email", "near@x", "age", Long.MAX_VALUE - 5));
      raw.create(Map.of("id", "low", "email", "low@x", "age", 1L));
      List<Map<String, Object>> before = raw.findAll(Filters.all());

      ValidationException single = assertThrows(ValidationException.class,
          () -> users.upsert(User.of("near", "near@x")));
      assertEquals("age", single.field());
      ValidationException batch = assertThrows(ValidationException.class,
          () -> users.batch(b -> List.of(b.upsert(User.of("low", "low@x")), b.upsert(User.of("near", "near@x")))));
      assertEquals("age", batch.field());
      assertEquals(before, raw.findAll(Filters.all()), "nothing was written, the first batch statement included");
      assertEquals(List.of("integer", "integer"), kit.driver().read(s -> s.query("SELECT typeof(age) FROM users "
          + "ORDER BY id", List.of(), rs -> {
            List<String> types = new ArrayList<>();
            while (rs.next()) {
              types.add(rs.getString(0));
            }
            return types;
          })), "no sum turned into a REAL");

      assertEquals(11L, users.upsert(User.of("low", "low@x")).age(), "the conflict update still applies");
      assertEquals(Long.MAX_VALUE - 5, raw.getById("near").orElseThrow().get("age"));
      assertEquals("fresh", users.upsert(User.of("fresh", "fresh@x")).id(), "an insert has no row to overflow");
    }
  }
}
