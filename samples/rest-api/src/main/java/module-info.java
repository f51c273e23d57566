/**
 * The rest-api sample: a JSON REST API over a repository on the JDK's built-in HTTP server, no framework.
 */
module io.sqlitekit.sample.rest {
  // SqliteKit and the spi (errors and their contract, filters, pages).
  requires io.sqlitekit.core;
  // URL query → filter/sort/page, and the JSON Schemas generated from the table.
  requires io.sqlitekit.query;
  // Tenants.forTenant and TenantOptions: the tenant comes from a request header.
  requires io.sqlitekit.plugin.tenant;
  // com.sun.net.httpserver.
  requires jdk.httpserver;
}
