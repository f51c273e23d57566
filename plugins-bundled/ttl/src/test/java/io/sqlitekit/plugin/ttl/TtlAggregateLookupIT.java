package io.sqlitekit.plugin.ttl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.core.SqliteRepository;
import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.Lookup;
import io.sqlitekit.spi.Measure;
import io.sqlitekit.spi.driver.PragmaPreset;
import io.sqlitekit.spi.table.RowMapper;
import io.sqlitekit.testsupport.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lazy TTL on the joined side of an aggregate: expired rows do not join unless the lookup asks for them. */
class TtlAggregateLookupIT {
  @TempDir
  Path dir;

  @Test
  void expiredForeignRows_doNotJoin_unlessTheLookupIncludesThem() {
    MutableClock clock = new MutableClock(TtlIT.T0);
    try (SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("ttl-agg-lookups.db"))
        .preset(PragmaPreset.PRODUCTION).clock(clock)
        .plugin(TtlPlugin.create(TtlOptions.defaults().withMode(TtlMode.LAZY))).build()) {
      kit.createTable(TtlIT.ISO);
      SqliteRepository<TtlIT.Session, String> s = kit.repository(TtlIT.ISO,
          RowMapper.forRecord(TtlIT.Session.class));
      s.createMany(List.of(new TtlIT.Session("a", "u", TtlIT.T0.plusSeconds(1)),
          new TtlIT.Session("b", "u", TtlIT.T0.plusSeconds(60)), new TtlIT.Session("c", "u", null)));
      clock.advance(Duration.ofSeconds(2)); // "a" has expired
      Lookup first = Lookup.one("first", TtlIT.ISO, "user", "user");
      AggregateRequest byFirst = AggregateRequest.of("n", Measure.count()).lookup(first).groupBy("first.id");
      assertEquals(List.of(Map.of("first.id", "b", "n", 2L)), s.aggregate(byFirst),
          "b and c are the live base rows; each joins the first live session of its user, b");
      AggregateRequest withExpired = AggregateRequest.of("n", Measure.count())
          .lookup(first.context(CallContext.of(TtlPlugin.INCLUDE_EXPIRED, true))).groupBy("first.id");
      assertEquals(List.of(Map.of("first.id", "a", "n", 2L)), s.aggregate(withExpired),
          "the lookup's context reaches the joined table only: a joins, yet is still not a base row");
    }
  }
}
