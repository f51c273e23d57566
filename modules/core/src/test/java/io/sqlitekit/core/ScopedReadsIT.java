package io.sqlitekit.core;

import static io.sqlitekit.core.Fixtures.USERS;
import static io.sqlitekit.spi.filter.Filters.and;
import static io.sqlitekit.spi.filter.Filters.eq;
import static io.sqlitekit.spi.filter.Filters.gt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.Fixtures.User;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.ContextKey;
import io.sqlitekit.spi.ScopedReads;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.plugin.HookPriority;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extension-read hook point: a scoped read is one SEARCH call whose body sees the final scope (policy
 * predicates included) compiled by the kit, the request as hooks left it, entities decoded by the codecs, and
 * the current transaction.
 */
final class ScopedReadsIT {
  static final ContextKey<Long> MIN_AGE = ContextKey.of("minAge", Long.class);

  @TempDir
  Path dir;

  @Test
  void bodySeesTheFinalScope_theHookedRequest_andDecodedEntities() {
    List<String> errors = new ArrayList<>();
    RepositoryPlugin policy = HooksIT.plugin("policy", r -> {
      r.before(EnumSet.of(Operation.SEARCH), HookPriority.POLICY, c -> {
        c.setFilter(and(c.filter(), gt("age", c.callContext().get(MIN_AGE).orElse(0L))));
        c.setRequest(c.request().orElseThrow() + "!");
      });
      r.onError(EnumSet.of(Operation.SEARCH), HookPriority.DEFAULT, (c, e) -> errors.add(e.getClass().getSimpleName()));
    });
    try (SqliteKit kit = Fixtures.builder(dir).plugin(policy).build()) {
      kit.createTable(USERS);
      SqliteRepository<User, String> users = kit.repository(USERS, User.class);
      users.createMany(List.of(new User("a", "a@x", "n", 10L, true, null, null),
          new User("b", "b@x", "n", 30L, false, null, null), new User("c", "c@x", "m", 40L, true, null, null)));
      ScopedReads<User> reads = users.withContext(CallContext.of(MIN_AGE, 20L)).scopedReads().orElseThrow();
      assertSame(USERS, reads.table());
      assertSame(policy, reads.plugin("policy").orElseThrow());
      assertTrue(reads.plugin("nope").isEmpty());
      List<Object> seen = new ArrayList<>();
      List<User> got = reads.read(eq("name", "n"), "req", scope -> {
        seen.add(scope.request());
        seen.add(scope.where().sql());
        return scope.read(s -> s.query("SELECT " + scope.selectList() + " FROM users WHERE " + scope.where().sql()
            + " ORDER BY id", scope.where().params(), rs -> {
              List<User> out = new ArrayList<>();
              while (rs.next()) {
                out.add(scope.entity(rs, 0));
              }
              return out;
            }));
      });
      assertEquals(List.of(new User("b", "b@x", "n", 30L, false, null, null)), got, "decoded: active is a Boolean");
      assertEquals("req!", seen.get(0));
      assertTrue(((String) seen.get(1)).contains("\"age\" > ?"), "the policy predicate is in the scope: " + seen);

      // Inside a transaction the body reads the transaction's own writes.
      long inTx = kit.inTransaction(() -> {
        users.create(new User("d", "d@x", "n", 50L, true, null, null));
        return reads.read(eq("name", "n"), "req", scope -> scope.readSnapshot(s -> s.query(
            "SELECT count(*) FROM users WHERE " + scope.where().sql(), scope.where().params(), rs -> {
              rs.next();
              return rs.getLong(0);
            })));
      });
      assertEquals(2L, inTx);
      assertThrows(ValidationException.class, () -> reads.read(eq("colour", "x"), "req", scope -> 1));
      assertEquals(List.of("ValidationException"), errors, "error hooks see a failed scoped read");
    }
  }
}
