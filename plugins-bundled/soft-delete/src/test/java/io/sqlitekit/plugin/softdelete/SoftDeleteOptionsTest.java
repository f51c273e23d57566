package io.sqlitekit.plugin.softdelete;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.plugin.PluginProvider;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Options validation, the text-option provider found by ServiceLoader, and the partial-index DDL. */
final class SoftDeleteOptionsTest {
  private static final TableDef USERS = TableDef.of("users", Column.text("id").primaryKey(),
      Column.text("email"), Column.text("org").sqlName("org_id"), Column.timestamp("deletedAt").sqlName("deleted_at"));

  private static PluginProvider provider() {
    return ServiceLoader.load(PluginProvider.class).stream().map(ServiceLoader.Provider::get)
        .filter(p -> p.name().equals("soft-delete")).findFirst().orElseThrow();
  }

  @Test
  void options_defaultsAndValidation() {
    assertEquals("deletedAt", SoftDeleteOptions.defaults().field());
    assertEquals("removedAt", SoftDeleteOptions.defaults().withField("removedAt").field());
    assertThrows(IllegalArgumentException.class, () -> SoftDeleteOptions.defaults().withField(""));
    assertThrows(NullPointerException.class, () -> new SoftDeleteOptions(null));
    assertThrows(NullPointerException.class, () -> SoftDeletePlugin.create(null));
  }

  @Test
  void provider_foundByNameOnClassPath_parsesTextOptions() {
    RepositoryPlugin p = provider().create(Map.of("field", "removedAt"));
    assertEquals("soft-delete", p.name());
    assertEquals(SoftDeletePlugin.create(SoftDeleteOptions.defaults().withField("removedAt")), p);
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> provider().create(Map.of("mode", "hard")));
    assertTrue(e.getMessage().contains("\"mode\""), e.getMessage());
    assertThrows(ConfigurationException.class, () -> provider().create(Map.of("field", "a;b")));
  }

  @Test
  void uniqueActiveIndex_usesSqlNames() {
    assertEquals("CREATE UNIQUE INDEX IF NOT EXISTS \"uq_users_org_email_active\" ON \"users\" (\"org_id\", \"email\")"
        + " WHERE \"deleted_at\" IS NULL;", SoftDeletes.uniqueActiveIndexSql(USERS, "org", "email"));
    assertEquals("CREATE INDEX IF NOT EXISTS \"idx_users_email_active\" ON \"users\" (\"email\")"
        + " WHERE \"deleted_at\" IS NULL;", SoftDeletes.activeIndexSql(USERS, SoftDeleteOptions.defaults(), "email"));
    assertThrows(IllegalArgumentException.class, () -> SoftDeletes.uniqueActiveIndexSql(USERS));
    assertThrows(ValidationException.class, () -> SoftDeletes.uniqueActiveIndexSql(USERS, "nope"));
    assertThrows(ValidationException.class, () -> SoftDeletes.uniqueActiveIndexSql(USERS,
        SoftDeleteOptions.defaults().withField("gone"), "email"));
  }
}
