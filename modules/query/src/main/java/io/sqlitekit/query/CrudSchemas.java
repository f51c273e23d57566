package io.sqlitekit.query;

import io.sqlitekit.query.internal.SchemaCheck;
import io.sqlitekit.spi.error.ErrorDetail;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.ColumnMode;
import io.sqlitekit.spi.table.StorageClass;
import io.sqlitekit.spi.table.TableDef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * JSON Schemas for the bodies of a CRUD API over one table, generated from its {@link TableDef}, and the checks
 * that hold request bodies to them. Schemas are plain {@code Map}/{@code List} trees (JSON-shaped), ready for
 * any JSON writer.
 *
 * <ul>
 *   <li>Column to schema: timestamps {@code {"type":"string","format":"date-time"}}, booleans
 *       {@code "boolean"}, INTEGER {@code "integer"}, REAL {@code "number"}, TEXT {@code "string"}, enums
 *       {@code "string"} with {@code enum}, UUIDs {@code "string"} with {@code "format":"uuid"}, BLOB
 *       {@code "string"} with {@code "contentEncoding":"base64"}, JSON columns {@code "object"} (or
 *       {@code "array"} for a collection type). A nullable column's type also allows {@code "null"}.</li>
 *   <li>{@link #createBody()}: every column except an INTEGER primary key (a rowid the database assigns) and
 *       the system-managed fields ({@code createdAt}, {@code updatedAt}, the table's version field, and
 *       {@link #withSystemManaged}); {@code required} lists the NOT NULL columns without a default;
 *       {@code additionalProperties} is false.</li>
 *   <li>{@link #updateBody()}: the create properties minus the primary key and {@link #withImmutable} fields;
 *       nothing required, at least one property, no others.</li>
 *   <li>{@link #params()}: the {@code id} path parameter; {@link #listQuery(QueryOptions)}: the URL query
 *       parameters a {@link QueryParser} with those options accepts.</li>
 * </ul>
 *
 * <p>{@link #checkCreate} and {@link #checkUpdate} validate a decoded JSON body against the schema and turn it
 * into the Java values the repository expects ({@link Instant}, enum constants, {@link UUID}, {@code Long},
 * {@code Double}, {@code byte[]}); {@link #toJson} does the reverse for responses. Immutable and thread-safe.
 *
 * @since 0.2.0
 */
public final class CrudSchemas {
  private static final Set<String> ALWAYS_SYSTEM_MANAGED = Set.of("createdAt", "updatedAt");

  private final TableDef table;
  private final Set<String> systemManaged;
  private final Set<String> immutable;

  private CrudSchemas(TableDef table, Set<String> systemManaged, Set<String> immutable) {
    this.table = table;
    this.systemManaged = Set.copyOf(systemManaged);
    this.immutable = Set.copyOf(immutable);
  }

  /**
   * Returns the schemas of a table with the default system-managed fields.
   *
   * @param table the table
   * @return the schemas
   */
  public static CrudSchemas of(TableDef table) {
    Objects.requireNonNull(table, "table");
    Set<String> managed = new LinkedHashSet<>(ALWAYS_SYSTEM_MANAGED);
    table.version().ifPresent(v -> managed.add(v.name()));
    return new CrudSchemas(table, managed, Set.of());
  }

  /**
   * Returns a copy in which more fields are set by the server only (a generated id, the tenant, a stamp): they
   * are left out of both bodies, and a body that sends them is refused.
   *
   * @param fields property keys of the table
   * @return the copy
   * @throws IllegalArgumentException if a field is not a column of the table
   */
  public CrudSchemas withSystemManaged(String... fields) {
    Set<String> all = new LinkedHashSet<>(systemManaged);
    all.addAll(columns(fields));
    return new CrudSchemas(table, all, immutable);
  }

  /**
   * Returns a copy in which more fields may be given on create but never changed by an update.
   *
   * @param fields property keys of the table
   * @return the copy
   * @throws IllegalArgumentException if a field is not a column of the table
   */
  public CrudSchemas withImmutable(String... fields) {
    Set<String> all = new LinkedHashSet<>(immutable);
    all.addAll(columns(fields));
    return new CrudSchemas(table, systemManaged, all);
  }

  private List<String> columns(String... fields) {
    List<String> out = new ArrayList<>();
    for (String f : fields) {
      if (table.column(f).isEmpty()) {
        throw new IllegalArgumentException("table \"" + table.name() + "\" has no column \"" + f + "\"");
      }
      out.add(f);
    }
    return out;
  }

  /**
   * Returns the table the schemas describe.
   *
   * @return the table
   */
  public TableDef table() {
    return table;
  }

  /**
   * Returns the JSON Schema of a create body.
   *
   * @return a new schema tree
   */
  public Map<String, Object> createBody() {
    Map<String, Object> properties = new LinkedHashMap<>();
    List<String> required = new ArrayList<>();
    for (Column c : createColumns()) {
      properties.put(c.name(), columnSchema(c));
      if (c.isNotNull() && !c.hasDefault()) {
        required.add(c.name());
      }
    }
    return object(table.name() + " create body", properties, required, 0);
  }

  /**
   * Returns the JSON Schema of an update body.
   *
   * @return a new schema tree
   */
  public Map<String, Object> updateBody() {
    Map<String, Object> properties = new LinkedHashMap<>();
    for (Column c : updateColumns()) {
      properties.put(c.name(), columnSchema(c));
    }
    return object(table.name() + " update body", properties, List.of(), 1);
  }

  /**
   * Returns the JSON Schema of the {@code id} path parameter (always text in a URL; an integer key must look
   * like one).
   *
   * @return a new schema tree
   */
  public Map<String, Object> params() {
    Column pk = table.primaryKey();
    Map<String, Object> id = new LinkedHashMap<>();
    id.put("type", "string");
    if (pk.storage() == StorageClass.INTEGER) {
      id.put("pattern", "^-?\\d+$");
    }
    return object(table.name() + " path parameters", new LinkedHashMap<>(Map.of("id", id)), List.of("id"), 0);
  }

  /**
   * Returns the JSON Schema of the URL query a parser with {@code options} accepts: the control parameters and
   * one entry per allow-listed filter field (values are text in a URL; operators go in brackets).
   *
   * @param options the parser options
   * @return a new schema tree
   */
  public Map<String, Object> listQuery(QueryOptions options) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("page", Map.of("type", "integer", "minimum", 1, "default", 1));
    properties.put("limit", Map.of("type", "integer", "minimum", 1, "maximum", options.maxLimit(),
        "default", options.defaultLimit()));
    properties.put("sort", Map.of("type", "string", "description", "comma-separated, '-' for descending, of "
        + String.join(", ", new TreeSet<>(options.sortFields()))));
    properties.put("select", Map.of("type", "string"));
    properties.put("after", Map.of("type", "string", "description", "keyset cursor of the previous page"));
    new TreeMap<>(options.filterFields()).forEach((field, type) ->
        properties.put(field, Map.of("type", "string", "description", type.name().toLowerCase(Locale.ROOT)
            + " value; operators as " + field + "[op]")));
    Map<String, Object> schema = object(table.name() + " list query", properties, List.of(), 0);
    schema.put("additionalProperties", true);
    return schema;
  }

  /**
   * Validates a decoded JSON create body and converts it to repository values.
   *
   * @param body the decoded body (maps, lists, strings, numbers, booleans, nulls)
   * @return a new map of property key to Java value, ready for {@code create}
   * @throws ValidationException listing every violation (path, code, message without values)
   */
  public Map<String, Object> checkCreate(Map<String, ?> body) {
    return check(createBody(), body, "create");
  }

  /**
   * Validates a decoded JSON update body and converts it to repository values.
   *
   * @param body the decoded body
   * @return a new map of property key to Java value, ready for {@code Update.set}
   * @throws ValidationException listing every violation
   */
  public Map<String, Object> checkUpdate(Map<String, ?> body) {
    return check(updateBody(), body, "update");
  }

  private Map<String, Object> check(Map<String, Object> schema, Map<String, ?> body, String what) {
    List<ErrorDetail> violations = SchemaCheck.violations(schema, body);
    if (!violations.isEmpty()) {
      throw new ValidationException(String.format(Locale.ROOT, "%s body for table \"%s\" is invalid: %s", what,
          table.name(), violations.stream().map(v -> v.path() + " " + v.message())
              .collect(Collectors.joining("; "))), violations);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    body.forEach((k, v) -> out.put(k, fromJson(table.require(k), v)));
    return out;
  }

  /**
   * Converts a row's Java values to JSON-ready values: instants as ISO-8601 text, enums by name, UUIDs as
   * text, bytes as base64.
   *
   * @param row the row
   * @return a new map
   */
  public static Map<String, Object> toJson(Map<String, ?> row) {
    Map<String, Object> out = new LinkedHashMap<>();
    row.forEach((k, v) -> out.put(k, jsonValue(v)));
    return out;
  }

  private static Object jsonValue(Object v) {
    if (v instanceof Instant || v instanceof UUID) {
      return v.toString();
    }
    if (v instanceof Enum) {
      return ((Enum<?>) v).name();
    }
    if (v instanceof byte[]) {
      return Base64.getEncoder().encodeToString((byte[]) v);
    }
    return v;
  }

  private static Object fromJson(Column c, Object v) {
    if (v == null) {
      return null;
    }
    switch (c.mode()) {
      case TIMESTAMP_ISO:
      case TIMESTAMP_MILLIS:
      case TIMESTAMP_SECONDS:
        return SchemaCheck.instant((String) v);
      case ENUM:
        return enumConstant(c.javaType(), (String) v);
      case UUID:
        return UUID.fromString((String) v);
      case BOOLEAN:
      case JSON:
        return v;
      case PLAIN:
      default:
        switch (c.storage()) {
          case INTEGER:
            return ((Number) v).longValue();
          case REAL:
            return ((Number) v).doubleValue();
          case BLOB:
            return Base64.getDecoder().decode((String) v);
          case TEXT:
          default:
            return v;
        }
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object enumConstant(Class<?> type, String name) {
    return Enum.valueOf((Class) type, name);
  }

  private List<Column> createColumns() {
    return table.columns().stream()
        .filter(c -> !(c.isPrimaryKey() && c.storage() == StorageClass.INTEGER && c.mode() == ColumnMode.PLAIN))
        .filter(c -> !systemManaged.contains(c.name()))
        .collect(Collectors.toList());
  }

  private List<Column> updateColumns() {
    return createColumns().stream().filter(c -> !c.isPrimaryKey() && !immutable.contains(c.name()))
        .collect(Collectors.toList());
  }

  private static Map<String, Object> object(String title, Map<String, Object> properties, List<String> required,
      int minProperties) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    schema.put("title", title);
    schema.put("type", "object");
    schema.put("properties", properties);
    schema.put("required", required);
    if (minProperties > 0) {
      schema.put("minProperties", minProperties);
    }
    schema.put("additionalProperties", false);
    return schema;
  }

  /**
   * Returns the schema of one column's values.
   *
   * @param c the column
   * @return a new schema tree
   */
  public static Map<String, Object> columnSchema(Column c) {
    Map<String, Object> s = new LinkedHashMap<>();
    String type;
    switch (c.mode()) {
      case TIMESTAMP_ISO:
      case TIMESTAMP_MILLIS:
      case TIMESTAMP_SECONDS:
        type = "string";
        s.put("format", "date-time");
        break;
      case BOOLEAN:
        type = "boolean";
        break;
      case ENUM:
        type = "string";
        List<String> names = new ArrayList<>();
        for (Object constant : c.javaType().getEnumConstants()) {
          names.add(((Enum<?>) constant).name());
        }
        s.put("enum", names);
        break;
      case UUID:
        type = "string";
        s.put("format", "uuid");
        break;
      case JSON:
        type = Collection.class.isAssignableFrom(c.javaType()) || c.javaType().isArray() ? "array" : "object";
        break;
      case PLAIN:
      default:
        switch (c.storage()) {
          case INTEGER:
            type = "integer";
            break;
          case REAL:
            type = "number";
            break;
          case BLOB:
            type = "string";
            s.put("contentEncoding", "base64");
            break;
          case TEXT:
          default:
            type = "string";
        }
    }
    s.put("type", c.isNotNull() ? type : List.of(type, "null"));
    return s;
  }
}
