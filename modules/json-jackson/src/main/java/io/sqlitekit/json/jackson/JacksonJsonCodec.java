package io.sqlitekit.json.jackson;

import io.sqlitekit.spi.json.JsonCodec;
import io.sqlitekit.spi.json.JsonCodecException;
import io.sqlitekit.spi.table.Timestamps;
import io.sqlitekit.support.json.MiniJson;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * A {@link JsonCodec} on Jackson 3, registered for {@link java.util.ServiceLoader}: with this module on the
 * class or module path, kits built without an explicit codec use it.
 *
 * <p>What it guarantees, with the default mapper:
 * <ul>
 *   <li>Writing produces the same text as the built-in codec for every value that codec can write (maps,
 *       collections, arrays of objects, strings, numbers, booleans, null, enums, UUIDs, instants, records):
 *       doubles as plain digits without trailing zeros, instants as the kit's ISO-8601 UTC text, record
 *       components in declaration order. Beyond that Jackson's own rules apply (POJOs by their properties,
 *       {@code byte[]} as base64, non-string map keys as text).</li>
 *   <li>Reading into {@code Object}, {@code Map}, {@code List}, {@code String}, {@code Boolean},
 *       {@code Long}, {@code Integer}, {@code Double} or {@code BigDecimal} gives the built-in codec's value
 *       model: integers as {@code Long} ({@code BigDecimal} past 64 bits), fractions as {@code Double},
 *       insertion-ordered maps; numbers convert only when exact. Any other type (records, POJOs,
 *       parameterized types such as {@code List<Address>}) is bound by Jackson.</li>
 *   <li>Input is strict RFC 8259 (no comments, trailing commas, NaN or leading zeros; nothing after the
 *       value), nested at most 256 deep; every failure is a {@link JsonCodecException} with the character
 *       offset when there is one.</li>
 * </ul>
 *
 * <p>Thread-safe: Jackson mappers are.
 *
 * @since 0.2.0
 */
public final class JacksonJsonCodec implements JsonCodec {
  /** Nesting the built-in codec accepts; the same here, so a document is valid for both or neither. */
  static final int MAX_DEPTH = 256;

  /** Targets that get the built-in codec's value model instead of Jackson binding. */
  private static final Set<Type> UNTYPED = Set.of(Object.class, Map.class, List.class, String.class,
      Boolean.class, boolean.class, Long.class, long.class, Integer.class, int.class, Double.class,
      double.class, BigDecimal.class);

  private final JsonMapper mapper;

  /** Creates the codec with {@link #mapperBuilder()}'s mapper (also the {@code ServiceLoader} constructor). */
  public JacksonJsonCodec() {
    this(mapperBuilder().build());
  }

  /**
   * Creates the codec on a mapper of your own, e.g. {@code mapperBuilder().addModule(...).build()}. A mapper
   * not derived from {@link #mapperBuilder()} may write values differently from the built-in codec.
   *
   * @param mapper the mapper
   */
  public JacksonJsonCodec(JsonMapper mapper) {
    this.mapper = Objects.requireNonNull(mapper, "mapper");
  }

  /**
   * Returns a mapper builder with the settings behind this codec's guarantees: strict parsing, nesting limit,
   * declaration-ordered properties, and the kit's formats for doubles and instants.
   *
   * @return a new builder; add modules or features before {@code build()}
   */
  public static JsonMapper.Builder mapperBuilder() {
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
        .build();
    SimpleModule kitFormats = new SimpleModule("sqlitekit-formats");
    ValueSerializer<Number> plainDouble = new ValueSerializer<>() {
      @Override
      public void serialize(Number value, JsonGenerator gen, SerializationContext ctxt) {
        gen.writeNumber(MiniJson.formatDouble(value.doubleValue()));
      }
    };
    kitFormats.addSerializer(Double.class, plainDouble);
    kitFormats.addSerializer(Float.class, plainDouble);
    kitFormats.addSerializer(Instant.class, new ValueSerializer<Instant>() {
      @Override
      public void serialize(Instant value, JsonGenerator gen, SerializationContext ctxt) {
        gen.writeString(Timestamps.format(value));
      }
    });
    return JsonMapper.builder(factory)
        .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .addModule(kitFormats);
  }

  /**
   * Returns the mapper this codec uses.
   *
   * @return the mapper
   */
  public JsonMapper mapper() {
    return mapper;
  }

  @Override
  public String write(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JacksonException e) {
      throw failure("cannot write a " + (value == null ? "null" : value.getClass().getSimpleName())
          + " as JSON", e);
    } catch (IllegalArgumentException e) {
      // The kit's formatters refuse NaN and infinities; Jackson may wrap or pass that through.
      throw e instanceof JsonCodecException ? e : new JsonCodecException(e.getMessage(),
          JsonCodecException.NO_OFFSET, e);
    }
  }

  @Override
  public Object read(String json, Type type) {
    Objects.requireNonNull(json, "json");
    try {
      if (type == null || UNTYPED.contains(type)) {
        JsonNode node = mapper.readTree(json);
        if (node == null || node.isMissingNode()) {
          throw new JsonCodecException("invalid JSON at offset " + json.length() + ": unexpected end",
              json.length(), null);
        }
        return MiniJson.fit(plain(node), type);
      }
      return mapper.readValue(json, mapper.constructType(type));
    } catch (JacksonException e) {
      throw failure("invalid JSON", e);
    }
  }

  /** The built-in codec's value model for a tree. */
  private static Object plain(JsonNode n) {
    if (n.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        m.put(e.getKey(), plain(e.getValue()));
      }
      return m;
    } else if (n.isArray()) {
      List<Object> l = new ArrayList<>(n.size());
      for (JsonNode e : n.values()) {
        l.add(plain(e));
      }
      return l;
    } else if (n.isString()) {
      return n.stringValue();
    } else if (n.isBoolean()) {
      return n.booleanValue();
    } else if (n.isNull()) {
      return null;
    } else if (n.isIntegralNumber()) {
      BigInteger bi = n.bigIntegerValue();
      return bi.bitLength() < 64 ? (Object) bi.longValue() : new BigDecimal(bi);
    } else if (n.isNumber()) {
      double d = n.isBigDecimal() ? Double.parseDouble(n.decimalValue().toString()) : n.doubleValue();
      if (Double.isInfinite(d)) {
        throw new JsonCodecException("invalid JSON: number out of the range of a double",
            JsonCodecException.NO_OFFSET, null);
      }
      return d;
    }
    throw new JsonCodecException("unsupported JSON node " + n.getNodeType(), JsonCodecException.NO_OFFSET, null);
  }

  private static JsonCodecException failure(String what, JacksonException e) {
    TokenStreamLocation at = e.getLocation();
    long offset = at == null ? -1 : at.getCharOffset();
    String detail = e.getOriginalMessage();
    return new JsonCodecException(offset >= 0 ? what + " at offset " + offset + ": " + detail
        : what + ": " + detail, offset, e);
  }
}
