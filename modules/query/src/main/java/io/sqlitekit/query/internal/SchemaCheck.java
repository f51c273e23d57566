package io.sqlitekit.query.internal;

import io.sqlitekit.spi.error.ErrorDetail;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Internal, not API, may change. Checks a decoded JSON object against the subset of JSON Schema that
 * {@code CrudSchemas} generates: {@code type} (one or a list), {@code enum}, {@code format} date-time and uuid,
 * {@code contentEncoding} base64, {@code pattern}, {@code required}, {@code minProperties},
 * {@code additionalProperties: false}. Messages never contain the submitted values.
 */
public final class SchemaCheck {
  private SchemaCheck() {
  }

  /**
   * Lists every violation of a body, in property order: unknown fields, missing required fields, then each
   * property's value.
   *
   * @param schema an object schema
   * @param body the decoded body
   * @return the violations, empty when the body conforms
   */
  @SuppressWarnings("unchecked")
  public static List<ErrorDetail> violations(Map<String, Object> schema, Map<String, ?> body) {
    List<ErrorDetail> out = new ArrayList<>();
    Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
    if (Boolean.FALSE.equals(schema.get("additionalProperties"))) {
      for (String key : body.keySet()) {
        if (!properties.containsKey(key)) {
          out.add(ErrorDetail.of(key, "unknown_field", "is not accepted here; accepted: " + properties.keySet()));
        }
      }
    }
    for (String key : (List<String>) schema.getOrDefault("required", List.of())) {
      if (!body.containsKey(key)) {
        out.add(ErrorDetail.of(key, "required", "is required"));
      }
    }
    Object min = schema.get("minProperties");
    if (min instanceof Integer && body.size() < (Integer) min) {
      out.add(ErrorDetail.of("", "min_properties", "the body needs at least " + min + " field(s)"));
    }
    for (Map.Entry<String, ?> e : body.entrySet()) {
      Object property = properties.get(e.getKey());
      if (property != null) {
        String problem = valueProblem((Map<String, Object>) property, e.getValue());
        if (problem != null) {
          out.add(ErrorDetail.of(e.getKey(), "invalid", problem));
        }
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static String valueProblem(Map<String, Object> schema, Object value) {
    Object t = schema.get("type");
    List<String> types = t instanceof List ? (List<String>) t : t == null ? List.of() : List.of((String) t);
    if (!types.isEmpty() && types.stream().noneMatch(type -> hasType(type, value))) {
      return "must be " + String.join(" or ", types);
    }
    if (value == null) {
      return null;
    }
    Object allowed = schema.get("enum");
    if (allowed instanceof Collection && !((Collection<?>) allowed).contains(value)) {
      return "must be one of " + allowed;
    }
    Object format = schema.get("format");
    if ("date-time".equals(format) && instantOrNull((String) value) == null) {
      return "must be an RFC 3339 date-time such as 2026-01-31T12:00:00Z";
    }
    if ("uuid".equals(format) && !isUuid((String) value)) {
      return "must be a UUID";
    }
    if ("base64".equals(schema.get("contentEncoding")) && !isBase64((String) value)) {
      return "must be base64";
    }
    Object pattern = schema.get("pattern");
    if (pattern instanceof String && !Pattern.compile((String) pattern).matcher((String) value).find()) {
      return "must match " + pattern;
    }
    return null;
  }

  private static boolean hasType(String type, Object v) {
    switch (type) {
      case "null":
        return v == null;
      case "string":
        return v instanceof String;
      case "boolean":
        return v instanceof Boolean;
      case "integer":
        return v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof BigInteger
            || (v instanceof BigDecimal && ((BigDecimal) v).stripTrailingZeros().scale() <= 0)
            || (v instanceof Double && !((Double) v).isInfinite() && (Double) v == Math.rint((Double) v));
      case "number":
        return v instanceof Number;
      case "object":
        return v instanceof Map;
      case "array":
        return v instanceof List;
      default:
        return true;
    }
  }

  /**
   * Parses an RFC 3339 date-time (with {@code Z} or an offset).
   *
   * @param text the text
   * @return the instant
   * @throws IllegalArgumentException if the text is not a date-time
   */
  public static Instant instant(String text) {
    Instant i = instantOrNull(text);
    if (i == null) {
      throw new IllegalArgumentException("not an RFC 3339 date-time");
    }
    return i;
  }

  private static Instant instantOrNull(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static boolean isUuid(String text) {
    try {
      return text.length() == 36 && UUID.fromString(text).toString().equals(text.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean isBase64(String text) {
    try {
      Base64.getDecoder().decode(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
