package io.sqlitekit.plugin.ttl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
      Column.text("userId"), Column.text("orgId"), Column.timestamp("expiresAt"));

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
  void indexHelpers_renderPartialIndexes() {
    TtlOptions o = TtlOptions.defaults();
    assertEquals("CREATE INDEX IF NOT EXISTS \"idx_sessions_live\" ON \"sessions\" (\"userId\", \"orgId\")"
        + " WHERE \"expiresAt\" IS NOT NULL;", TtlIndexes.livePartialIndexSql(SESSIONS, o, "userId", "orgId"));
    assertEquals("CREATE INDEX IF NOT EXISTS \"idx_sessions_expiresAt_ttl\" ON \"sessions\" (\"expiresAt\")"
        + " WHERE \"expiresAt\" IS NOT NULL;", TtlIndexes.expiryIndexSql(SESSIONS, o));
    assertEquals("DROP INDEX IF EXISTS \"idx_sessions_live\";", TtlIndexes.dropLivePartialIndexSql(SESSIONS));
    assertThrows(IllegalArgumentException.class, () -> TtlIndexes.livePartialIndexSql(SESSIONS, o));
    assertThrows(ValidationException.class, () -> TtlIndexes.livePartialIndexSql(SESSIONS, o, "nope"));
  }
}
