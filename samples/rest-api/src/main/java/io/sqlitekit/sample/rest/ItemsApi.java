package io.sqlitekit.sample.rest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.plugin.tenant.TenantIndexes;
import io.sqlitekit.plugin.tenant.TenantOptions;
import io.sqlitekit.plugin.tenant.TenantPlugin;
import io.sqlitekit.plugin.tenant.Tenants;
import io.sqlitekit.query.CrudSchemas;
import io.sqlitekit.query.FieldType;
import io.sqlitekit.query.ParsedQuery;
import io.sqlitekit.query.QueryOptions;
import io.sqlitekit.query.QueryParser;
import io.sqlitekit.spi.KeysetPage;
import io.sqlitekit.spi.OffsetPage;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.error.ErrorContract;
import io.sqlitekit.spi.error.ErrorDetail;
import io.sqlitekit.spi.error.NotFoundException;
import io.sqlitekit.spi.error.RepositoryException;
import io.sqlitekit.spi.error.TenantRequiredException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.json.JsonCodec;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A JSON REST API over the {@code items} table on {@code com.sun.net.httpserver}.
 *
 * <pre>
 * GET    /items?name[contains]=lamp&amp;price[lt]=50&amp;sort=-price&amp;page=2&amp;limit=10   offset page
 * GET    /items/feed?sort=price&amp;limit=10 (then &amp;after=&lt;nextCursor&gt;)               keyset page
 * GET    /items/{id}          POST /items          PATCH /items/{id}          DELETE /items/{id}
 * GET    /schemas/items/{create|update|params|query}                              JSON Schemas
 * </pre>
 *
 * <p>Every request acts for the tenant in the {@code X-Tenant-Id} header (the multi-tenant plugin scopes every
 * operation to it). Errors are the kit's error contract ({@code toContract()}) as JSON with its HTTP status:
 * a bad query string is 400 naming the parameter, an invalid body 400 listing every field, a duplicate SKU 409,
 * a missing or another tenant's id 404, a missing tenant 403. Ids are UUIDs made by the server, so
 * {@code feed} is never an id.
 */
public final class ItemsApi implements AutoCloseable {
  /** The header that carries the tenant. */
  public static final String TENANT_HEADER = "X-Tenant-Id";

  /** The item table: a per-tenant unique SKU, an enum status, server-managed id, tenant and timestamps. */
  public static final TableDef ITEMS = TableDef.of("items",
      Column.text("id").primaryKey(),
      Column.text("tenantId").notNull(),
      Column.text("sku").notNull(),
      Column.text("name").notNull(),
      Column.integer("price").notNull(),
      Column.enumOf("status", Status.class).notNull().defaultValue(Status.DRAFT),
      Column.timestamp("createdAt"),
      Column.timestamp("updatedAt"));

  /** An item's publication state. */
  public enum Status {
    /** Not yet visible to customers. */
    DRAFT,
    /** Visible. */
    LIVE,
    /** No longer sold. */
    RETIRED
  }

  private static final CrudSchemas SCHEMAS = CrudSchemas.of(ITEMS).withSystemManaged("id", "tenantId")
      .withImmutable("sku");
  private static final QueryOptions QUERY = QueryOptions.defaults()
      .withFilterField("name", FieldType.STRING)
      .withFilterField("sku", FieldType.STRING)
      .withFilterField("price", FieldType.INTEGER)
      .withFilterField("status", FieldType.STRING)
      .withSortFields("name", "price", "createdAt")
      .withMaxLimit(50);
  private static final QueryParser PARSER = QueryParser.of(QUERY);

  private final SqliteKit kit;
  private final StandardRepo<Map<String, Object>, Object> items;
  private final JsonCodec json;
  private final HttpServer server;
  private final ExecutorService executor;

  private ItemsApi(SqliteKit kit, HttpServer server) {
    this.kit = kit;
    this.server = server;
    this.json = kit.jsonCodec();
    kit.createTableIfNotExists(ITEMS);
    kit.execute(TenantIndexes.uniqueWithinTenantSql(ITEMS, tenantOptions(), "sku"));
    this.items = kit.documents(ITEMS);
    this.executor = Executors.newFixedThreadPool(4);
    server.setExecutor(executor);
    server.createContext("/items", this::handle);
    server.createContext("/schemas/items/", this::handle);
  }

  private static TenantOptions tenantOptions() {
    return TenantOptions.defaults().withField("tenantId");
  }

  /**
   * Opens the database and starts serving on 127.0.0.1.
   *
   * @param databaseFile the SQLite file
   * @param port the port, or 0 for any free one
   * @return the running API
   * @throws IOException if the port cannot be bound
   */
  public static ItemsApi start(String databaseFile, int port) throws IOException {
    SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + databaseFile)
        .plugin(TenantPlugin.create(tenantOptions()))
        .plugins("timestamp")
        .build();
    try {
      ItemsApi api = new ItemsApi(kit, HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0));
      api.server.start();
      return api;
    } catch (IOException | RuntimeException e) {
      kit.close();
      throw e;
    }
  }

  /**
   * Returns the bound port.
   *
   * @return the port
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops the server (in-flight requests get a second) and closes the database. */
  @Override
  public void close() {
    server.stop(1);
    executor.shutdown();
    kit.close();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      int status;
      Object body;
      try {
        Response r = route(ex);
        status = r.status;
        body = r.body;
      } catch (RepositoryException e) {
        status = e.httpStatus();
        body = contract(e.toContract());
      } catch (RuntimeException e) {
        ErrorContract c = ErrorContract.of(e);
        status = c.status();
        body = contract(c);
      }
      byte[] bytes = body == null ? new byte[0] : json.write(body).getBytes(StandardCharsets.UTF_8);
      if (body != null) {
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      }
      ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  /** A status and a JSON-ready body (null for none). */
  private static final class Response {
    final int status;
    final Object body;

    Response(int status, Object body) {
      this.status = status;
      this.body = body;
    }
  }

  private Response route(HttpExchange ex) throws IOException {
    String method = ex.getRequestMethod();
    String path = ex.getRequestURI().getPath();
    String query = ex.getRequestURI().getRawQuery();
    if (path.startsWith("/schemas/items/") && method.equals("GET")) {
      return new Response(200, schema(path.substring("/schemas/items/".length())));
    }
    List<String> segments = new ArrayList<>(List.of(path.substring(1).split("/")));
    if (!segments.get(0).equals("items") || segments.size() > 2) {
      throw new NotFoundException("no resource at " + path);
    }
    StandardRepo<Map<String, Object>, Object> repo = forTenant(ex);
    if (segments.size() == 1) {
      switch (method) {
        case "GET":
          return new Response(200, offsetPage(repo.getAll(PARSER.parse(query == null ? "" : query).toPageRequest())));
        case "POST": {
          Map<String, Object> values = SCHEMAS.checkCreate(readObject(ex));
          values.put("id", UUID.randomUUID().toString());
          Map<String, Object> created = repo.create(values);
          ex.getResponseHeaders().set("Location", "/items/" + created.get("id"));
          return new Response(201, CrudSchemas.toJson(created));
        }
        default:
          return methodNotAllowed(method, path);
      }
    }
    String id = segments.get(1);
    if (id.equals("feed") && method.equals("GET")) {
      ParsedQuery q = PARSER.parse(query == null ? "" : query);
      return new Response(200, keysetPage(repo.getAll(q.toKeysetRequest())));
    }
    switch (method) {
      case "GET":
        return new Response(200, CrudSchemas.toJson(repo.getById(id).orElseThrow(() -> missing(id))));
      case "PATCH": {
        Map<String, Object> changes = SCHEMAS.checkUpdate(readObject(ex));
        return new Response(200, CrudSchemas.toJson(repo.update(id, Update.set(changes))
            .orElseThrow(() -> missing(id))));
      }
      case "DELETE":
        if (!repo.delete(id)) {
          throw missing(id);
        }
        return new Response(204, null);
      default:
        return methodNotAllowed(method, path);
    }
  }

  private StandardRepo<Map<String, Object>, Object> forTenant(HttpExchange ex) {
    String tenant = ex.getRequestHeaders().getFirst(TENANT_HEADER);
    if (tenant == null) {
      throw new TenantRequiredException("the " + TENANT_HEADER + " header is required; nothing was read or written");
    }
    return Tenants.forTenant(items, tenant);
  }

  private static NotFoundException missing(String id) {
    // The same answer for an id that does not exist and one of another tenant: nothing leaks.
    return new NotFoundException("item " + id + " not found");
  }

  private static Response methodNotAllowed(String method, String path) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", "method_not_allowed");
    body.put("message", method + " is not supported on " + path);
    body.put("status", 405);
    return new Response(405, body);
  }

  private Map<String, Object> schema(String which) {
    switch (which) {
      case "create":
        return SCHEMAS.createBody();
      case "update":
        return SCHEMAS.updateBody();
      case "params":
        return SCHEMAS.params();
      case "query":
        return SCHEMAS.listQuery(QUERY);
      default:
        throw new NotFoundException("no schema \"" + which + "\"; available: create, update, params, query");
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> readObject(HttpExchange ex) throws IOException {
    String text = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Object value;
    try {
      value = json.read(text, Object.class);
    } catch (RuntimeException e) {
      throw new ValidationException("body", "the request body is not valid JSON", e);
    }
    if (!(value instanceof Map)) {
      throw new ValidationException("body", "the request body must be a JSON object");
    }
    return (Map<String, Object>) value;
  }

  private static Map<String, Object> offsetPage(OffsetPage<Map<String, Object>> page) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("items", rows(page.items()));
    out.put("page", page.page());
    out.put("limit", page.limit());
    out.put("total", page.total());
    out.put("pages", page.pages());
    out.put("hasNext", page.hasNext());
    return out;
  }

  private static Map<String, Object> keysetPage(KeysetPage<Map<String, Object>> page) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("items", rows(page.items()));
    out.put("limit", page.limit());
    out.put("hasMore", page.hasMore());
    out.put("nextCursor", page.nextCursor());
    return out;
  }

  private static List<Object> rows(List<Map<String, Object>> rows) {
    List<Object> out = new ArrayList<>();
    rows.forEach(r -> out.add(CrudSchemas.toJson(r)));
    return out;
  }

  private static Map<String, Object> contract(ErrorContract c) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("code", c.code());
    out.put("message", c.message());
    out.put("status", c.status());
    List<Object> details = new ArrayList<>();
    for (ErrorDetail d : c.details()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", d.path());
      m.put("code", d.code());
      m.put("message", d.message());
      details.add(m);
    }
    out.put("details", details);
    out.put("meta", c.meta());
    return out;
  }

  /**
   * Runs the API until the process is stopped.
   *
   * @param args the database file and the port (0 for any free port)
   * @throws IOException if the port cannot be bound
   */
  public static void main(String[] args) throws IOException {
    ItemsApi api = start(args.length > 0 ? args[0] : "items.db", args.length > 1 ? Integer.parseInt(args[1]) : 8080);
    Runtime.getRuntime().addShutdownHook(new Thread(api::close));
    System.out.println("listening on http://127.0.0.1:" + api.port());
  }
}
