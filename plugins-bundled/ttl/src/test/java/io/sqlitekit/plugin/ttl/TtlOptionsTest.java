package io.sqlitekit.plugin.ttl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.plugin.ttl.internal.TtlPluginProvider;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TtlOptionsTest {
  private static final TableDef SESSIONS = TableDef.of("sessions", Column.text("id").primaryKey(),
      Column.text("userId"), Column.text("orgId").sqlName("org_id"), Column.timestamp("expiresAt"));

  @Test
  void defaults() {
    TtlOptions d = TtlOptions.defaults();
    assertEquals("expiresAt", d.field());
    assertEquals(TtlMode.SCHEDULED, d.mode());
    assertEquals(Duration.ofSeconds(60), d.interval());
    assertEquals(1_000, d.batchSize());
    assertEquals(TtlMode.LAZY, d.withMode(TtlMode.LAZY).mode());
    assertEquals("until", d.withField("until").field());
  }

  @Test
  void invalidOptions_areRejected() {
    assertThrows(IllegalArgumentException.class, () -> TtlOptions.defaults().withBatchSize(0));
    assertThrows(IllegalArgumentException.class, () -> TtlOptions.defaults().withInterval(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> TtlOptions.defaults().withField(""));
    assertThrows(NullPointerException.class, () -> TtlOptions.defaults().withMode(null));
  }

  @Test
  void provider_parsesTextOptions_andRejectsUnknownOnes() {
    TtlPluginProvider p = new TtlPluginProvider();
    assertEquals("ttl", p.name());
    assertEquals("ttl", p.create(Map.of("mode", "lazy", "interval", "PT1S", "batchSize", "10")).name());
    assertEquals("ttl", p.create(Map.of("interval", "250", "field", "until")).name());
    assertThrows(ConfigurationException.class, () -> p.create(Map.of("mode", "eager")));
    assertThrows(ConfigurationException.class, () -> p.create(Map.of("batchSize", "-1")));
    assertThrows(ConfigurationException.class, () -> p.create(Map.of("expireAfterSeconds", "5")));
  }

  @Test
  void indexHelpers_renderIndexesNamedAfterTheirColumns() {
    TtlOptions o = TtlOptions.defaults();
    assertEquals("CREATE INDEX IF NOT EXISTS \"idx_sessions_expiresAt_ttl\" ON \"sessions\" (\"expiresAt\")"
        + " WHERE \"expiresAt\" IS NOT NULL;", TtlIndexes.expiryIndexSql(SESSIONS, o));
    assertEquals("CREATE INDEX IF NOT EXISTS \"idx_sessions_userId_org_id_live\" ON \"sessions\" (\"userId\","
        + " \"org_id\", \"expiresAt\");", TtlIndexes.liveIndexSql(SESSIONS, o, "userId", "orgId"));
    assertEquals("DROP INDEX IF EXISTS \"idx_sessions_userId_org_id_live\";",
        TtlIndexes.dropLiveIndexSql(SESSIONS, "userId", "orgId"));
    assertEquals("CREATE INDEX IF NOT EXISTS \"idx_sessions_userId_org_id_expiring\" ON \"sessions\" (\"userId\","
        + " \"org_id\") WHERE \"expiresAt\" IS NOT NULL;", TtlIndexes.expiringIndexSql(SESSIONS, o, "userId", "orgId"));
    assertEquals("DROP INDEX IF EXISTS \"idx_sessions_userId_org_id_expiring\";",
        TtlIndexes.dropExpiringIndexSql(SESSIONS, "userId", "orgId"));
    assertEquals("CREATE INDEX IF NOT EXISTS \"idx_sessions_userId_expiresAt_expiring\" ON \"sessions\""
        + " (\"userId\", \"expiresAt\") WHERE \"expiresAt\" IS NOT NULL;",
        TtlIndexes.expiringIndexSql(SESSIONS, o, "userId", "expiresAt"), "an expiring index may end in the expiry");
  }

  @Test
  @SuppressWarnings("deprecation")
  void deprecatedLivePartialIndex_rendersTheExpiringIndex_andItsDropKeepsTheOldName() {
    TtlOptions o = TtlOptions.defaults();
    assertEquals(TtlIndexes.expiringIndexSql(SESSIONS, o, "userId"), TtlIndexes.livePartialIndexSql(SESSIONS, o,
        "userId"));
    assertNotEquals(TtlIndexes.livePartialIndexSql(SESSIONS, o, "userId"), TtlIndexes.livePartialIndexSql(SESSIONS,
        o, "orgId"), "indexes over other fields no longer share one name");
    assertEquals("DROP INDEX IF EXISTS \"idx_sessions_live\";", TtlIndexes.dropLivePartialIndexSql(SESSIONS));
    assertThrows(IllegalArgumentException.class, () -> TtlIndexes.livePartialIndexSql(SESSIONS, o));
  }

  @Test
  void indexHelpers_rejectBadFieldLists() {
    TtlOptions o = TtlOptions.defaults();
    assertThrows(IllegalArgumentException.class, () -> TtlIndexes.liveIndexSql(SESSIONS, o));
    assertThrows(IllegalArgumentException.class, () -> TtlIndexes.expiringIndexSql(SESSIONS, o));
    assertThrows(IllegalArgumentException.class, () -> TtlIndexes.dropLiveIndexSql(SESSIONS));
    assertThrows(IllegalArgumentException.class, () -> TtlIndexes.liveIndexSql(SESSIONS, o, "userId", "userId"));
    assertThrows(IllegalArgumentException.class, () -> TtlIndexes.expiringIndexSql(SESSIONS, o, "userId", "userId"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TtlIndexes.liveIndexSql(SESSIONS, o, "userId", "expiresAt"));
    assertTrue(e.getMessage().contains("appends the expiry field"), e.getMessage());
    assertThrows(ValidationException.class, () -> TtlIndexes.liveIndexSql(SESSIONS, o, "nope"));
    assertThrows(ValidationException.class, () -> TtlIndexes.expiringIndexSql(SESSIONS, o, "nope"));
    assertThrows(ValidationException.class, () -> TtlIndexes.dropExpiringIndexSql(SESSIONS, "nope"));
    assertThrows(ValidationException.class, () -> TtlIndexes.liveIndexSql(SESSIONS, o.withField("until"), "userId"));
    assertThrows(ValidationException.class, () -> TtlIndexes.expiryIndexSql(SESSIONS, o.withField("until")));
    assertThrows(NullPointerException.class, () -> TtlIndexes.liveIndexSql(SESSIONS, null, "userId"));
    assertThrows(NullPointerException.class, () -> TtlIndexes.expiringIndexSql(null, o, "userId"));
    assertThrows(NullPointerException.class, () -> TtlIndexes.dropLiveIndexSql(SESSIONS, (String) null));
  }
}
