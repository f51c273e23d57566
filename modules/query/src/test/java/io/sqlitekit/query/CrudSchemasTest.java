package io.sqlitekit.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sqlitekit.spi.error.ErrorDetail;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CrudSchemasTest {
  enum Status { DRAFT, LIVE }

  static final TableDef ITEMS = TableDef.of("items",
      Column.text("id").primaryKey(),
      Column.text("name").notNull(),
      Column.integer("price").notNull(),
      Column.real("weight"),
      Column.bool("active").notNull().defaultValue(true),
      Column.enumOf("status", Status.class),
      Column.uuid("ref"),
      Column.blob("thumb"),
      Column.json("tags", List.class),
      Column.text("tenantId"),
      Column.timestamp("publishedAt"),
      Column.timestamp("createdAt"),
      Column.integer("version").notNull().defaultValue(1L))
      .withVersionField("version");

  private final CrudSchemas schemas = CrudSchemas.of(ITEMS).withSystemManaged("tenantId").withImmutable("name");

  @Test
  @SuppressWarnings("unchecked")
  void createBody_mapsEveryColumnKind() {
    Map<String, Object> create = schemas.createBody();
    Map<String, Object> p = (Map<String, Object>) create.get("properties");
    assertEquals(List.of("id", "name", "price", "weight", "active", "status", "ref", "thumb", "tags", "publishedAt"),
        List.copyOf(p.keySet()), "system-managed fields (createdAt, the version field, tenantId) are left out");
    assertEquals(List.of("id", "name", "price"), create.get("required"));
    assertEquals(false, create.get("additionalProperties"));
    assertEquals(Map.of("type", "integer"), p.get("price"));
    assertEquals(Map.of("type", List.of("number", "null")), p.get("weight"));
    assertEquals(Map.of("type", "boolean"), p.get("active"));
    assertEquals(Map.of("enum", List.of("DRAFT", "LIVE"), "type", List.of("string", "null")), p.get("status"));
    assertEquals(Map.of("format", "uuid", "type", List.of("string", "null")), p.get("ref"));
    assertEquals(Map.of("contentEncoding", "base64", "type", List.of("string", "null")), p.get("thumb"));
    assertEquals(Map.of("type", List.of("array", "null")), p.get("tags"));
    assertEquals(Map.of("format", "date-time", "type", List.of("string", "null")), p.get("publishedAt"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void updateBody_dropsKeyAndImmutable_needsOneField() {
    Map<String, Object> update = schemas.updateBody();
    assertEquals(List.of("price", "weight", "active", "status", "ref", "thumb", "tags", "publishedAt"),
        List.copyOf(((Map<String, Object>) update.get("properties")).keySet()));
    assertEquals(List.of(), update.get("required"));
    assertEquals(1, update.get("minProperties"));
  }

  @Test
  void params_andListQuery() {
    assertEquals(Map.of("type", "string"), ((Map<?, ?>) schemas.params().get("properties")).get("id"));
    Map<String, Object> q = schemas.listQuery(QueryOptions.defaults().withFilterField("price", FieldType.INTEGER)
        .withSortFields("price"));
    Map<?, ?> props = (Map<?, ?>) q.get("properties");
    assertEquals(100, ((Map<?, ?>) props.get("limit")).get("maximum"));
    assertEquals("string", ((Map<?, ?>) props.get("price")).get("type"));
    assertEquals(true, q.get("additionalProperties"));
  }

  @Test
  void checkCreate_listsEveryViolationWithoutValues() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", "i1");
    body.put("price", "12");
    body.put("status", "GONE");
    body.put("publishedAt", "yesterday");
    body.put("tenantId", "evil");
    ValidationException e = assertThrows(ValidationException.class, () -> schemas.checkCreate(body));
    assertEquals(List.of("tenantId:unknown_field", "name:required", "price:invalid", "status:invalid",
        "publishedAt:invalid"), e.violations().stream().map(v -> v.path() + ":" + v.code()).collect(Collectors.toList()));
    assertEquals("create body for table \"items\" is invalid: tenantId is not accepted here; accepted: [id, name,"
        + " price, weight, active, status, ref, thumb, tags, publishedAt]; name is required; price must be integer;"
        + " status must be one of [DRAFT, LIVE]; publishedAt must be an RFC 3339 date-time such as"
        + " 2026-01-31T12:00:00Z", e.getMessage());
    for (ErrorDetail d : e.violations()) {
      assertEquals(-1, d.message().indexOf("yesterday"), "no submitted value in messages");
    }
  }

  @Test
  void checkCreate_convertsToRepositoryValues() {
    UUID ref = UUID.randomUUID();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", "i1");
    body.put("name", "Lamp");
    body.put("price", 12L);
    body.put("weight", 2L);
    body.put("status", "LIVE");
    body.put("ref", ref.toString());
    body.put("thumb", "AQI=");
    body.put("publishedAt", "2026-01-31T13:00:00+01:00");
    Map<String, Object> values = schemas.checkCreate(body);
    assertEquals(Status.LIVE, values.get("status"));
    assertEquals(ref, values.get("ref"));
    assertEquals(2.0, values.get("weight"));
    assertEquals(Instant.parse("2026-01-31T12:00:00Z"), values.get("publishedAt"));
    assertEquals(List.of(1, 2), List.of((int) ((byte[]) values.get("thumb"))[0], (int) ((byte[]) values.get("thumb"))[1]));
    assertEquals(Map.of("publishedAt", "2026-01-31T12:00:00Z", "status", "LIVE"),
        CrudSchemas.toJson(Map.of("publishedAt", values.get("publishedAt"), "status", Status.LIVE)));
  }

  @Test
  void checkUpdate_refusesImmutableAndEmpty() {
    ValidationException empty = assertThrows(ValidationException.class, () -> schemas.checkUpdate(Map.of()));
    assertEquals("min_properties", empty.violations().get(0).code());
    ValidationException immutable = assertThrows(ValidationException.class,
        () -> schemas.checkUpdate(Map.of("name", "x")));
    assertEquals("name", immutable.field());
    assertEquals(Map.of("price", 5L), schemas.checkUpdate(Map.of("price", 5)));
  }
}
