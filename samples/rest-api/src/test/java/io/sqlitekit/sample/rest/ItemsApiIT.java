package io.sqlitekit.sample.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.support.json.MiniJson;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the API in a fresh JVM (named module on the module path, any free port) and talks to it over real HTTP
 * with {@link HttpClient}: CRUD, offset and keyset pages from URL queries, the error contract with its statuses,
 * tenant isolation from the header, and the JSON Schemas.
 */
class ItemsApiIT {
  @TempDir
  static Path dir;

  private static Process server;
  private static URI base;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** A response: status, decoded JSON body (or null) and the Location header. */
  private record Reply(int status, Object body, String location) {
    @SuppressWarnings("unchecked")
    Map<String, Object> json() {
      return (Map<String, Object>) body;
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> items() {
      return (List<Map<String, Object>>) json().get("items");
    }
  }

  @BeforeAll
  static void startServer() throws Exception {
    List<String> path = new ArrayList<>();
    path.add(System.getProperty("rest.jar"));
    try (Stream<Path> jars = Files.list(Path.of(System.getProperty("rest.modules")))) {
      jars.map(Path::toString).sorted().forEach(path::add);
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    server = new ProcessBuilder(java, "--enable-native-access=org.xerial.sqlitejdbc", "--module-path",
        String.join(File.pathSeparator, path), "-m", "io.sqlitekit.sample.rest/io.sqlitekit.sample.rest.ItemsApi",
        dir.resolve("items.db").toString(), "0").redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    String first = out.readLine();
    assertNotNull(first, "the server exited before listening");
    assertTrue(first.startsWith("listening on http://127.0.0.1:"), first);
    base = URI.create(first.substring("listening on ".length()));
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.destroy();
      assertTrue(server.waitFor(10, TimeUnit.SECONDS), "server did not stop");
    }
  }

  private static Reply send(String method, String path, String tenant, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (tenant != null) {
      b.header(ItemsApi.TENANT_HEADER, tenant);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    Object json = r.body().isEmpty() ? null : MiniJson.INSTANCE.read(r.body(), Object.class);
    return new Reply(r.statusCode(), json, r.headers().firstValue("Location").orElse(null));
  }

  private static Map<String, Object> create(String tenant, String sku, String name, long price) throws Exception {
    Reply r = send("POST", "/items", tenant,
        "{\"sku\":\"" + sku + "\",\"name\":\"" + name + "\",\"price\":" + price + "}");
    assertEquals(201, r.status(), String.valueOf(r.body()));
    return r.json();
  }

  private static void assertError(Reply r, int status, String code, String path) {
    assertEquals(status, r.status(), String.valueOf(r.body()));
    assertEquals(code, r.json().get("code"), String.valueOf(r.body()));
    assertEquals(status, ((Number) r.json().get("status")).intValue());
    if (path != null) {
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> details = (List<Map<String, Object>>) r.json().get("details");
      assertTrue(details.stream().anyMatch(d -> path.equals(d.get("path"))), "no detail for " + path + ": " + r.body());
    }
  }

  @Test
  void crud_roundTrip() throws Exception {
    Map<String, Object> created = create("crud", "LAMP-1", "Desk lamp", 40);
    String id = (String) created.get("id");
    assertEquals("DRAFT", created.get("status"), "the column default applies");
    assertEquals("crud", created.get("tenantId"), "the tenant comes from the header");
    assertNotNull(created.get("createdAt"), "the timestamp plugin stamped the row");
    Reply get = send("GET", "/items/" + id, "crud", null);
    assertEquals(200, get.status());
    assertEquals("Desk lamp", get.json().get("name"));
    Reply patched = send("PATCH", "/items/" + id, "crud", "{\"price\":35,\"status\":\"LIVE\"}");
    assertEquals(200, patched.status(), String.valueOf(patched.body()));
    assertEquals(35L, ((Number) patched.json().get("price")).longValue());
    assertEquals("LIVE", patched.json().get("status"));
    assertEquals(204, send("DELETE", "/items/" + id, "crud", null).status());
    assertError(send("GET", "/items/" + id, "crud", null), 404, "not_found", null);
    assertError(send("DELETE", "/items/" + id, "crud", null), 404, "not_found", null);
  }

  @Test
  void create_returnsLocation() throws Exception {
    Reply r = send("POST", "/items", "loc", "{\"sku\":\"L-1\",\"name\":\"Lamp\",\"price\":1}");
    assertEquals(201, r.status());
    assertEquals("/items/" + r.json().get("id"), r.location());
  }

  @Test
  void duplicateSku_is409_withinATenantOnly() throws Exception {
    create("dup-a", "SKU-1", "First", 10);
    assertError(send("POST", "/items", "dup-a", "{\"sku\":\"SKU-1\",\"name\":\"Second\",\"price\":11}"), 409,
        "duplicate_key", null);
    create("dup-b", "SKU-1", "Another tenant's", 12);
    assertEquals(1L, ((Number) send("GET", "/items", "dup-a", null).json().get("total")).longValue());
  }

  @Test
  void anotherTenantsId_is404_andChangesNothing() throws Exception {
    String id = (String) create("owner", "OWN-1", "Mine", 10).get("id");
    assertError(send("GET", "/items/" + id, "intruder", null), 404, "not_found", null);
    assertError(send("PATCH", "/items/" + id, "intruder", "{\"price\":1}"), 404, "not_found", null);
    assertError(send("DELETE", "/items/" + id, "intruder", null), 404, "not_found", null);
    assertEquals(0, send("GET", "/items?sku=OWN-1", "intruder", null).items().size());
    Reply mine = send("GET", "/items/" + id, "owner", null);
    assertEquals(10L, ((Number) mine.json().get("price")).longValue(), "the owner's row is unchanged");
    assertError(send("GET", "/items/no-such-id", "owner", null), 404, "not_found", null);
  }

  @Test
  void missingTenantHeader_is403() throws Exception {
    assertError(send("GET", "/items", null, null), 403, "tenant_required", null);
    assertError(send("GET", "/items", "  ", null), 403, "tenant_required", null);
  }

  @Test
  void list_urlQueryToOffsetPage() throws Exception {
    for (int i = 1; i <= 7; i++) {
      create("list", "L-" + i, "Item " + i, i * 10L);
    }
    Reply page = send("GET", "/items?price[gte]=20&sort=-price&limit=2&page=2", "list", null);
    assertEquals(200, page.status(), String.valueOf(page.body()));
    assertEquals(List.of(50L, 40L), page.items().stream().map(m -> ((Number) m.get("price")).longValue())
        .collect(Collectors.toList()));
    assertEquals(6L, ((Number) page.json().get("total")).longValue());
    assertEquals(3L, ((Number) page.json().get("pages")).longValue());
    assertEquals(true, page.json().get("hasNext"));
    String q = "name[contains]=" + URLEncoder.encode("Item 3", StandardCharsets.UTF_8);
    assertEquals(1, send("GET", "/items?" + q, "list", null).items().size());
  }

  @Test
  void feed_keysetPagesSeeEveryRowOnce() throws Exception {
    for (int i = 1; i <= 5; i++) {
      create("feed", "F-" + i, "Feed " + i, 100L - i);
    }
    Set<String> seen = new HashSet<>();
    List<Long> prices = new ArrayList<>();
    String next = "/items/feed?sort=price&limit=2";
    int pages = 0;
    while (next != null) {
      Reply r = send("GET", next, "feed", null);
      assertEquals(200, r.status(), String.valueOf(r.body()));
      for (Map<String, Object> item : r.items()) {
        assertTrue(seen.add((String) item.get("id")), "seen twice: " + item);
        prices.add(((Number) item.get("price")).longValue());
      }
      pages++;
      Object cursor = r.json().get("nextCursor");
      next = Boolean.TRUE.equals(r.json().get("hasMore"))
          ? "/items/feed?sort=price&limit=2&after=" + URLEncoder.encode((String) cursor, StandardCharsets.UTF_8) : null;
    }
    assertEquals(List.of(95L, 96L, 97L, 98L, 99L), prices);
    assertEquals(3, pages);
  }

  @Test
  void badQueryStrings_are400_namingTheParameter() throws Exception {
    assertError(send("GET", "/items?price[gte]=cheap", "q", null), 400, "query_parse_error", "price[gte]");
    assertError(send("GET", "/items?color=red", "q", null), 400, "query_parse_error", "color");
    assertError(send("GET", "/items?limit=500", "q", null), 400, "query_parse_error", "limit");
    assertError(send("GET", "/items?sort=secret", "q", null), 400, "query_parse_error", "sort");
    assertError(send("GET", "/items?price[near]=3", "q", null), 400, "query_parse_error", "price[near]");
  }

  @Test
  void invalidBodies_are400_listingEveryField() throws Exception {
    Reply r = send("POST", "/items", "v", "{\"price\":\"12\",\"status\":\"GONE\",\"tenantId\":\"other\"}");
    assertError(r, 400, "validation_error", "tenantId");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> details = (List<Map<String, Object>>) r.json().get("details");
    assertEquals(List.of("tenantId", "sku", "name", "price", "status"),
        details.stream().map(d -> d.get("path")).collect(Collectors.toList()));
    assertError(send("POST", "/items", "v", "{not json"), 400, "validation_error", "body");
    String id = (String) create("v", "V-1", "Valid", 5).get("id");
    assertError(send("PATCH", "/items/" + id, "v", "{\"sku\":\"V-2\"}"), 400, "validation_error", "sku");
    assertError(send("PATCH", "/items/" + id, "v", "{}"), 400, "validation_error", null);
    assertEquals(0, send("GET", "/items?sku=V-2", "v", null).items().size(), "nothing was written");
  }

  @Test
  @SuppressWarnings("unchecked")
  void schemas_areGeneratedFromTheTable() throws Exception {
    Map<String, Object> create = send("GET", "/schemas/items/create", null, null).json();
    assertEquals(List.of("sku", "name", "price"), create.get("required"));
    assertEquals(Set.of("sku", "name", "price", "status"), ((Map<String, Object>) create.get("properties")).keySet());
    Map<String, Object> status = (Map<String, Object>) ((Map<String, Object>) create.get("properties")).get("status");
    assertEquals(List.of("DRAFT", "LIVE", "RETIRED"), status.get("enum"));
    Map<String, Object> update = send("GET", "/schemas/items/update", null, null).json();
    assertFalse(((Map<String, Object>) update.get("properties")).containsKey("sku"), "sku is immutable");
    Map<String, Object> query = send("GET", "/schemas/items/query", null, null).json();
    assertEquals(50L, ((Number) ((Map<String, Object>) ((Map<String, Object>) query.get("properties")).get("limit"))
        .get("maximum")).longValue());
    assertNull(send("GET", "/schemas/items/params", null, null).json().get("minProperties"));
    assertError(send("GET", "/schemas/items/nope", null, null), 404, "not_found", null);
  }
}
