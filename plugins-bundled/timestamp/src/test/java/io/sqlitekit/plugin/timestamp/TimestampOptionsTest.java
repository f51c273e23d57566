package io.sqlitekit.plugin.timestamp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.plugin.PluginProvider;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Options validation, the text-option provider found by ServiceLoader, and the trigger DDL. */
final class TimestampOptionsTest {
  private static PluginProvider provider() {
    return ServiceLoader.load(PluginProvider.class).stream().map(ServiceLoader.Provider::get)
        .filter(p -> p.name().equals("timestamp")).findFirst().orElseThrow();
  }

  @Test
  void options_defaultsAndCopies() {
    TimestampOptions d = TimestampOptions.defaults();
    assertEquals(new TimestampOptions("createdAt", "updatedAt", true, true), d);
    assertFalse(d.withoutCreated().stampCreated());
    assertEquals("made", d.withCreatedField("made").createdField());
    assertThrows(IllegalArgumentException.class, () -> d.withoutCreated().withoutUpdated());
    assertThrows(IllegalArgumentException.class, () -> d.withUpdatedField("createdAt"));
    assertThrows(IllegalArgumentException.class, () -> d.withCreatedField("a\"b"));
    assertThrows(NullPointerException.class, () -> d.withCreatedField(null));
    assertThrows(NullPointerException.class, () -> TimestampPlugin.create(null));
  }

  @Test
  void provider_foundByNameOnClassPath_parsesTextOptions() {
    RepositoryPlugin p = provider().create(Map.of("createdField", "made", "stampUpdated", "false"));
    assertEquals("timestamp", p.name());
    assertEquals(TimestampPlugin.create(TimestampOptions.defaults().withCreatedField("made").withoutUpdated()), p,
        "equal options give equal plugins (idempotent install)");
    assertEquals(TimestampPlugin.create(TimestampOptions.defaults()), provider().create(Map.of()));
  }

  @Test
  void provider_unknownOrInvalidOption_configurationError() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> provider().create(Map.of("now", "x")));
    assertTrue(e.getMessage().contains("\"now\""), e.getMessage());
    assertThrows(ConfigurationException.class, () -> provider().create(Map.of("stampCreated", "yes")));
    assertThrows(ConfigurationException.class,
        () -> provider().create(Map.of("stampCreated", "false", "stampUpdated", "false")));
    assertThrows(ConfigurationException.class, () -> provider().create(Map.of("createdField", "")));
  }

  @Test
  void trigger_perColumnMode() {
    TableDef t = TableDef.of("users", Column.text("id").primaryKey(), Column.timestamp("updatedAt"));
    assertEquals("CREATE TRIGGER IF NOT EXISTS \"users_set_updatedAt\" AFTER UPDATE ON \"users\" FOR EACH ROW\n"
        + "WHEN NEW.\"updatedAt\" IS OLD.\"updatedAt\"\n"
        + "BEGIN\n"
        + "  UPDATE \"users\" SET \"updatedAt\" = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE \"id\" = NEW.\"id\";\n"
        + "END;", TimestampTriggers.updatedAtTriggerSql(t, TimestampOptions.defaults()));
    TableDef s = TableDef.of("s", Column.text("id").primaryKey(), Column.timestampSeconds("updatedAt"));
    assertTrue(TimestampTriggers.updatedAtTriggerSql(s, TimestampOptions.defaults()).contains("strftime('%s'"));
    assertThrows(ConfigurationException.class,
        () -> TimestampTriggers.updatedAtTriggerSql(s, TimestampOptions.defaults().withoutUpdated()));
    assertThrows(ConfigurationException.class, () -> TimestampTriggers.updatedAtTriggerSql(
        TableDef.of("x", Column.text("id").primaryKey()), TimestampOptions.defaults()));
  }
}
