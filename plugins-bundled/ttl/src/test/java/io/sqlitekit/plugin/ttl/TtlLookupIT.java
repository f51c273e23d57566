package io.sqlitekit.plugin.ttl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.core.SqliteRepository;
import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.Lookup;
import io.sqlitekit.spi.LookupRow;
import io.sqlitekit.spi.Measure;
import io.sqlitekit.spi.OffsetPage;
import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.Projection;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.driver.PragmaPreset;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.RowMapper;
import io.sqlitekit.testsupport.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lazy TTL on the foreign side of a lookup and of an aggregate's lookup: expired rows are not joined unless the
 * lookup asks for them.
 */
class TtlLookupIT {
  @TempDir
  Path dir;

  /** A lazy-TTL kit whose sessions are a (expired), b (live) and c (never expires), all of user "u". */
  private record Seeded(SqliteKit kit, SqliteRepository<TtlIT.Session, String> sessions) implements AutoCloseable {
    @Override
    public void close() {
      kit.close();
    }
  }

  private Seeded seeded(String file) {
    MutableClock clock = new MutableClock(TtlIT.T0);
    SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve(file))
        .preset(PragmaPreset.PRODUCTION).clock(clock)
        .plugin(TtlPlugin.create(TtlOptions.defaults().withMode(TtlMode.LAZY))).build();
    kit.createTable(TtlIT.ISO);
    SqliteRepository<TtlIT.Session, String> s = kit.repository(TtlIT.ISO, RowMapper.forRecord(TtlIT.Session.class));
    s.createMany(List.of(new TtlIT.Session("a", "u", TtlIT.T0.plusSeconds(1)),
        new TtlIT.Session("b", "u", TtlIT.T0.plusSeconds(60)), new TtlIT.Session("c", "u", null)));
    clock.advance(Duration.ofSeconds(2)); // "a" has expired
    return new Seeded(kit, s);
  }

  @Test
  void expiredForeignRows_areNotJoined_unlessTheLookupIncludesThem() {
    try (Seeded db = seeded("ttl-lookups.db")) {
      PageRequest live = new PageRequest(Filters.all(), Sort.parse("id"), 1, 10, Projection.all());
      Lookup sameUser = Lookup.many("sameUser", TtlIT.ISO, "user", "user").select("id");
      OffsetPage<LookupRow<TtlIT.Session>> page = db.sessions().lookupPage(live, List.of(sameUser,
          sameUser.context(CallContext.of(TtlPlugin.INCLUDE_EXPIRED, true)).named("withExpired")));
      assertEquals(2, page.total(), "expired a is not a base row");
      assertEquals(List.of("b", "c"), page.items().stream().map(r -> r.entity().id()).toList());
      for (LookupRow<TtlIT.Session> row : page.items()) {
        assertEquals(List.of("b", "c"), row.many("sameUser").stream().map(m -> m.get("id")).toList());
        assertEquals(List.of("a", "b", "c"), row.many("withExpired").stream().map(m -> m.get("id")).toList());
      }
    }
  }

  @Test
  void expiredForeignRows_doNotJoinAnAggregate_unlessTheLookupIncludesThem() {
    try (Seeded db = seeded("ttl-agg-lookups.db")) {
      Lookup first = Lookup.one("first", TtlIT.ISO, "user", "user");
      AggregateRequest byFirst = AggregateRequest.of("n", Measure.count()).lookup(first).groupBy("first.id");
      assertEquals(List.of(Map.of("first.id", "b", "n", 2L)), db.sessions().aggregate(byFirst),
          "b and c are the live base rows; each joins the first live session of its user, b");
      AggregateRequest withExpired = AggregateRequest.of("n", Measure.count())
          .lookup(first.context(CallContext.of(TtlPlugin.INCLUDE_EXPIRED, true))).groupBy("first.id");
      assertEquals(List.of(Map.of("first.id", "a", "n", 2L)), db.sessions().aggregate(withExpired),
          "the lookup's context reaches the joined table only: a joins, yet is still not a base row");
    }
  }
}
