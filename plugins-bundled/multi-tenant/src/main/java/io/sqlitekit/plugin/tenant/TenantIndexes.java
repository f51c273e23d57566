package io.sqlitekit.plugin.tenant;

import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.Identifiers;
import io.sqlitekit.spi.table.TableDef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * DDL helpers for tables with the multi-tenant plugin: unique keys that hold within one tenant.
 *
 * <p>Why: a unique index over a value alone is global, so a tenant whose insert collides with another tenant's
 * value gets a {@link io.sqlitekit.spi.error.DuplicateKeyException} (from {@code create}, {@code getOrCreate},
 * {@code upsert}, …) and so learns that the value exists elsewhere, although it can never read that row. An
 * index led by the tenant column makes the value unique per tenant: two tenants may hold it, one tenant only
 * once, and a collision can only be with the caller's own row.
 *
 * <p>The primary key stays global whatever index exists, so choose keys that reveal nothing (random UUIDs) or
 * make them tenant-prefixed; see the module README, "What a tenant can learn about another tenant". With the
 * soft-delete plugin, use {@code SoftDeletes.uniqueActiveIndexSql(table, "organizationId", "name")} instead
 * (tenant field first): unique per tenant among live rows.
 *
 * @since 0.1.0
 */
public final class TenantIndexes {
  private TenantIndexes() {
  }

  /**
   * Renders a unique index over the default tenant field ({@code organizationId}) and the fields; see
   * {@link #uniqueWithinTenantSql(TableDef, TenantOptions, String...)}.
   *
   * @param table the table
   * @param fields the fields unique within a tenant (property keys), at least one
   * @return the DDL, one statement
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if no field is given, a field repeats, or a field is the tenant field or
   *     the primary key
   * @throws io.sqlitekit.spi.error.ValidationException if a field, or the tenant field, is not on the table
   */
  public static String uniqueWithinTenantSql(TableDef table, String... fields) {
    return uniqueWithinTenantSql(table, TenantOptions.defaults(), fields);
  }

  /**
   * Renders a unique index led by the options' tenant field, named {@code uq_<table>_<tenantField>_<fields>}
   * after the property keys, on the columns' SQL names:
   *
   * <pre>{@code
   * CREATE UNIQUE INDEX IF NOT EXISTS "uq_docs_organizationId_slug" ON "docs" ("organizationId", "slug");
   * }</pre>
   *
   * <p>Upserts against it name the same columns: {@code upsert(row, UpsertOptions.onConflict("organizationId",
   * "slug"))}. The plugin stamps the caller's tenant into the row, so the conflict can only be with the
   * caller's own row, which is then updated. The index also serves the plugin's scoped lookups by those fields
   * ({@code organizationId = ? AND slug = ?}).
   *
   * @param table the table
   * @param options the plugin's options (for the tenant field)
   * @param fields the fields unique within a tenant (property keys), at least one
   * @return the DDL, one statement
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if no field is given, a field repeats, or a field is the tenant field or
   *     the primary key (which is unique across all tenants whatever index exists)
   * @throws io.sqlitekit.spi.error.ValidationException if a field, or the tenant field, is not on the table
   */
  public static String uniqueWithinTenantSql(TableDef table, TenantOptions options, String... fields) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(fields, "fields");
    if (fields.length == 0) {
      throw new IllegalArgumentException("a tenant-scoped unique index on table \"" + table.name()
          + "\" needs at least one field besides the tenant field");
    }
    Column tenant = table.require(options.field());
    Set<Column> cols = new LinkedHashSet<>();
    cols.add(tenant);
    StringBuilder name = new StringBuilder("uq_").append(table.name()).append('_').append(tenant.name());
    for (String f : fields) {
      Column c = table.require(Objects.requireNonNull(f, "field"));
      if (c.equals(tenant)) {
        throw new IllegalArgumentException("a tenant-scoped unique index on table \"" + table.name()
            + "\" starts with the tenant field \"" + tenant.name() + "\" itself; list only the other fields");
      }
      if (c.isPrimaryKey()) {
        throw new IllegalArgumentException("field \"" + c.name() + "\" is the primary key of table \""
            + table.name() + "\", unique across all tenants whatever index exists; use random or"
            + " tenant-prefixed keys instead");
      }
      if (!cols.add(c)) {
        throw new IllegalArgumentException("a tenant-scoped unique index on table \"" + table.name()
            + "\" lists field \"" + c.name() + "\" twice");
      }
      name.append('_').append(c.name());
    }
    List<String> quoted = new ArrayList<>(cols.size());
    for (Column c : cols) {
      quoted.add(Identifiers.quote(c.sqlName()));
    }
    return "CREATE UNIQUE INDEX IF NOT EXISTS " + Identifiers.quote(name.toString()) + " ON "
        + Identifiers.quote(table.name()) + " (" + String.join(", ", quoted) + ");";
  }
}
