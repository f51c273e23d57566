package io.sqlitekit.plugin.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import org.junit.jupiter.api.Test;

/** The DDL {@link TenantIndexes} renders, and the field lists it refuses. */
final class TenantIndexesTest {
  private static final TableDef DOCS = TableDef.of("docs", Column.text("id").primaryKey(),
      Column.text("organizationId").sqlName("org_id"), Column.text("slug"), Column.text("lang").sqlName("language"),
      Column.text("tenant"));

  @Test
  void uniqueWithinTenant_rendersTenantFirst_namedByKeys_onSqlNames() {
    assertEquals("CREATE UNIQUE INDEX IF NOT EXISTS \"uq_docs_organizationId_slug\" ON \"docs\" (\"org_id\","
        + " \"slug\");", TenantIndexes.uniqueWithinTenantSql(DOCS, "slug"));
    assertEquals("CREATE UNIQUE INDEX IF NOT EXISTS \"uq_docs_organizationId_slug_lang\" ON \"docs\" (\"org_id\","
        + " \"slug\", \"language\");", TenantIndexes.uniqueWithinTenantSql(DOCS, "slug", "lang"));
    assertEquals("CREATE UNIQUE INDEX IF NOT EXISTS \"uq_docs_tenant_slug\" ON \"docs\" (\"tenant\", \"slug\");",
        TenantIndexes.uniqueWithinTenantSql(DOCS, TenantOptions.defaults().withField("tenant"), "slug"));
  }

  @Test
  void uniqueWithinTenant_refusesBadFieldLists() {
    assertThrows(IllegalArgumentException.class, () -> TenantIndexes.uniqueWithinTenantSql(DOCS));
    assertThrows(IllegalArgumentException.class, () -> TenantIndexes.uniqueWithinTenantSql(DOCS, "slug", "slug"));
    assertThrows(IllegalArgumentException.class, () -> TenantIndexes.uniqueWithinTenantSql(DOCS, "organizationId"));
    IllegalArgumentException pk = assertThrows(IllegalArgumentException.class,
        () -> TenantIndexes.uniqueWithinTenantSql(DOCS, "id"));
    assertTrue(pk.getMessage().contains("unique across all tenants"), pk.getMessage());
    assertThrows(ValidationException.class, () -> TenantIndexes.uniqueWithinTenantSql(DOCS, "nope"));
    assertThrows(ValidationException.class, () -> TenantIndexes.uniqueWithinTenantSql(DOCS,
        TenantOptions.defaults().withField("orgId"), "slug"), "the tenant field must be on the table");
    assertThrows(NullPointerException.class, () -> TenantIndexes.uniqueWithinTenantSql(null, "slug"));
    assertThrows(NullPointerException.class, () -> TenantIndexes.uniqueWithinTenantSql(DOCS, (TenantOptions) null,
        "slug"));
    assertThrows(NullPointerException.class, () -> TenantIndexes.uniqueWithinTenantSql(DOCS, (String) null));
  }
}
