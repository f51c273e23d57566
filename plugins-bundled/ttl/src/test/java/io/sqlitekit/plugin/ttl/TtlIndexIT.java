package io.sqlitekit.plugin.ttl;

import static io.sqlitekit.spi.filter.Filters.and;
import static io.sqlitekit.spi.filter.Filters.eq;
import static io.sqlitekit.spi.filter.Filters.isNotNull;
import static io.sqlitekit.spi.filter.Filters.lt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.core.SqliteRepository;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.RowMapper;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.testsupport.MutableClock;
import io.sqlitekit.testsupport.SchemaProbe;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link TtlIndexes} helpers executed on real SQLite files (WAL): the index SQLite stores (partial or not,
 * columns by SQL name), and which of the plugin's own statements (recorded by the kit's statement listener, a
 * {@link SchemaProbe.Recorder}) SQLite plans with it, per {@code EXPLAIN QUERY PLAN}: live-row reads, reads
 * comparing the expiry, the batched sweep and the TRIGGER-mode prune.
 */
final class TtlIndexIT {
  /** A session that may expire; {@code orgId} has another SQL name, as indexes must use it. */
  public record Session(String id, String userId, String orgId, Instant expiresAt) {
  }

  static final Instant T0 = Instant.parse("2026-06-01T12:00:00.000Z");
  static final TableDef ISO = TableDef.of("sessions", Column.text("id").primaryKey(), Column.text("userId"),
      Column.text("orgId").sqlName("org_id"), Column.timestamp("expiresAt"));
  static final TableDef MILLIS = TableDef.of("sessions", Column.text("id").primaryKey(), Column.text("userId"),
      Column.text("orgId").sqlName("org_id"), Column.timestampMillis("expiresAt"));
  private static final TtlOptions LAZY = TtlOptions.defaults().withMode(TtlMode.LAZY);
  private static final CallContext INCLUDE_EXPIRED = CallContext.of(TtlPlugin.INCLUDE_EXPIRED, true);

  @TempDir
  Path dir;

  private final MutableClock clock = new MutableClock(T0);
  private final SchemaProbe.Recorder recorder = new SchemaProbe.Recorder();
  private Path file;

  static Stream<Arguments> encodings() {
    return Stream.of(Arguments.of("ISO-8601 text", ISO), Arguments.of("epoch millis", MILLIS));
  }

  /** Opens a recording kit with the TTL plugin and creates the table unless {@code create} is false. */
  private SqliteKit open(TtlOptions options, TableDef table, boolean create) {
    file = dir.resolve("ttl.db");
    SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + file).statementListener(recorder).clock(clock)
        .plugin(TtlPlugin.create(options)).build();
    if (create) {
      kit.createTable(table);
    }
    return kit;
  }

  /**
   * 60 sessions s0..s59 of users u0..u5 (u = i % 6) in orgs o0..o2: those with i % 3 == 0 never expire, 1 expire
   * at T0 + 1 min, 2 at T0 + 1 day. The clock then moves 2 minutes on, so 40 are live: u0, u3 (never) and u2, u5
   * (tomorrow).
   */
  private SqliteRepository<Session, String> seed(SqliteKit kit, TableDef table) {
    SqliteRepository<Session, String> repo = kit.repository(table, RowMapper.forRecord(Session.class));
    List<Session> rows = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      Instant expiry = i % 3 == 0 ? null : i % 3 == 1 ? T0.plus(Duration.ofMinutes(1)) : T0.plus(Duration.ofDays(1));
      rows.add(new Session("s" + i, "u" + (i % 6), "o" + (i % 3), expiry));
    }
    repo.createMany(rows);
    clock.advance(Duration.ofMinutes(2));
    return repo;
  }

  private void assertSearchesWith(SqliteKit kit, String index, Runnable call) {
    SchemaProbe.assertSearchesWith("sessions", index, SchemaProbe.plansOf(recorder, file, call));
  }

  @Test
  void liveIndex_isAPlainIndexEndingInTheExpiry_andServesThePluginsLiveReads() {
    try (SqliteKit kit = open(LAZY, ISO, true)) {
      SqliteRepository<Session, String> repo = seed(kit, ISO);
      kit.execute(TtlIndexes.liveIndexSql(ISO, LAZY, "userId"));
      assertEquals(new SchemaProbe.Index("idx_sessions_userId_live", "sessions", false, false,
          List.of("userId", "expiresAt")), SchemaProbe.index(file, "idx_sessions_userId_live").orElseThrow());
      String live = "idx_sessions_userId_live";
      // u0's sessions never expire, u1's have expired, u2's expire tomorrow.
      assertSearchesWith(kit, live, () -> assertEquals(List.of("s0", "s12", "s18", "s24", "s30", "s36", "s42",
          "s48", "s54", "s6"), repo.findAll(eq("userId", "u0")).stream().map(Session::id).sorted().toList()));
      assertSearchesWith(kit, live, () -> assertEquals(0, repo.count(eq("userId", "u1")), "all of u1's expired"));
      assertSearchesWith(kit, live, () -> assertEquals(10, repo.count(eq("userId", "u2"))));
      assertSearchesWith(kit, live, () -> assertTrue(repo.exists(eq("userId", "u2"))));
      assertSearchesWith(kit, live, () -> assertTrue(repo.getOne(eq("userId", "u0")).isPresent()));
      List<SchemaProbe.Plan> count = SchemaProbe.plansOf(recorder, file, () -> repo.count(eq("userId", "u0")));
      assertTrue(count.stream().flatMap(p -> p.lines().stream())
          .anyMatch(l -> l.startsWith("SEARCH sessions USING COVERING INDEX " + live)),
          () -> "count reads the index only: " + count);
    }
  }

  @Test
  void expiringIndex_cannotServeTheLiveFilterAlone_butServesReadsComparingTheExpiry() {
    try (SqliteKit kit = open(LAZY, ISO, true)) {
      SqliteRepository<Session, String> repo = seed(kit, ISO);
      String expiring = "idx_sessions_userId_expiring";
      kit.execute(TtlIndexes.expiringIndexSql(ISO, LAZY, "userId"));
      assertEquals(new SchemaProbe.Index(expiring, "sessions", false, true, List.of("userId")),
          SchemaProbe.index(file, expiring).orElseThrow());
      // The live filter (expiresAt IS NULL OR expiresAt > ?) also accepts rows the partial index leaves out.
      SchemaProbe.assertNotUsed(expiring, SchemaProbe.plansOf(recorder, file,
          () -> assertEquals(10, repo.findAll(eq("userId", "u0")).size())));
      SchemaProbe.assertNotUsed(expiring, SchemaProbe.plansOf(recorder, file,
          () -> assertEquals(10, repo.count(eq("userId", "u0")))));
      Instant soon = clock.instant().plus(Duration.ofDays(2));
      assertSearchesWith(kit, expiring, () -> assertEquals(10, repo.count(and(eq("userId", "u2"), lt("expiresAt",
          soon)))));
      StandardRepo<Session, String> all = repo.withContext(INCLUDE_EXPIRED);
      assertSearchesWith(kit, expiring, () -> assertEquals(10, all.findAll(and(eq("userId", "u1"),
          isNotNull("expiresAt"))).size()));
    }
  }

  @Test
  @SuppressWarnings("deprecation")
  void indexesOverOtherFields_getOtherNames_andTheDeprecatedDropStillDropsTheOldName() {
    try (SqliteKit kit = open(LAZY, ISO, true)) {
      kit.execute(TtlIndexes.livePartialIndexSql(ISO, LAZY, "userId"));
      kit.execute(TtlIndexes.livePartialIndexSql(ISO, LAZY, "orgId"));
      kit.execute(TtlIndexes.liveIndexSql(ISO, LAZY, "userId"));
      kit.execute(TtlIndexes.liveIndexSql(ISO, LAZY, "orgId", "userId"));
      assertEquals(List.of("org_id"), SchemaProbe.index(file, "idx_sessions_org_id_expiring").orElseThrow().columns());
      assertEquals(List.of("userId"), SchemaProbe.index(file, "idx_sessions_userId_expiring").orElseThrow()
          .columns());
      assertEquals(List.of("org_id", "userId", "expiresAt"), SchemaProbe.index(file,
          "idx_sessions_org_id_userId_live").orElseThrow().columns());
      assertTrue(SchemaProbe.index(file, "idx_sessions_userId_live").isPresent());

      // A database from before the rename: the index under the old, field-less name.
      kit.execute("CREATE INDEX IF NOT EXISTS \"idx_sessions_live\" ON \"sessions\" (\"userId\") WHERE"
          + " \"expiresAt\" IS NOT NULL;");
      kit.execute(TtlIndexes.dropLivePartialIndexSql(ISO));
      assertEquals(Optional.empty(), SchemaProbe.index(file, "idx_sessions_live"));
      kit.execute(TtlIndexes.dropExpiringIndexSql(ISO, "orgId"));
      kit.execute(TtlIndexes.dropLiveIndexSql(ISO, "orgId", "userId"));
      assertEquals(Optional.empty(), SchemaProbe.index(file, "idx_sessions_org_id_expiring"));
      assertEquals(Optional.empty(), SchemaProbe.index(file, "idx_sessions_org_id_userId_live"));
      assertTrue(SchemaProbe.index(file, "idx_sessions_userId_expiring").isPresent(), "the others stay");
      assertTrue(SchemaProbe.index(file, "idx_sessions_userId_live").isPresent());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("encodings")
  void expiryIndex_servesTheSweep_andReadsComparingTheExpiry(String label, TableDef table) {
    TtlOptions options = LAZY.withBatchSize(7);
    try (SqliteKit kit = open(options, table, true)) {
      SqliteRepository<Session, String> repo = seed(kit, table);
      String ttl = "idx_sessions_expiresAt_ttl";
      kit.execute(TtlIndexes.expiryIndexSql(table, options));
      assertEquals(new SchemaProbe.Index(ttl, "sessions", false, true, List.of("expiresAt")),
          SchemaProbe.index(file, ttl).orElseThrow());
      Instant soon = clock.instant().plus(Duration.ofDays(2));
      assertSearchesWith(kit, ttl, () -> assertEquals(20, repo.count(lt("expiresAt", soon))));
      assertSearchesWith(kit, ttl, () -> assertEquals(20, TtlSweeper.sweepExpired(repo)));
      assertEquals(40, repo.withContext(INCLUDE_EXPIRED).count(io.sqlitekit.spi.filter.Filters.all()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("encodings")
  void triggerMode_createsTheExpiryIndex_andItsPruneUsesIt(String label, TableDef table) {
    TtlOptions options = TtlOptions.defaults().withMode(TtlMode.TRIGGER);
    try (SqliteKit kit = open(options, table, true)) {
      kit.repository(table, RowMapper.forRecord(Session.class));
      assertEquals(new SchemaProbe.Index("idx_sessions_expiresAt_ttl", "sessions", false, true,
          List.of("expiresAt")), SchemaProbe.index(file, "idx_sessions_expiresAt_ttl").orElseThrow());
      String trigger = SchemaProbe.sql(file, "trigger", "ttl_prune_sessions_expiresAt").orElseThrow();
      int begin = trigger.indexOf(" BEGIN ");
      int end = trigger.lastIndexOf("; END");
      assertTrue(begin > 0 && end > begin, trigger);
      String prune = trigger.substring(begin + " BEGIN ".length(), end);
      assertTrue(prune.startsWith("DELETE FROM \"sessions\" WHERE"), prune);
      SchemaProbe.assertSearchesWith("sessions", "idx_sessions_expiresAt_ttl",
          List.of(new SchemaProbe.Plan(prune, SchemaProbe.explain(file, prune))));
    }
  }
}
