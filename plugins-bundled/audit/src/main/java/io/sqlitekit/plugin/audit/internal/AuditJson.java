package io.sqlitekit.plugin.audit.internal;

import io.sqlitekit.spi.json.JsonCodec;
import io.sqlitekit.support.json.JsonCodecs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Internal, not API, may change. Audit images as JSON text through the JSON codec of the path (the built-in
 * one when none is found). An audit row must never fail on a value the codec has no JSON form for, so values
 * are first made plain: byte arrays become base64 text, NaN and infinities their names, map keys text, and
 * anything else beyond strings, numbers, booleans, instants, maps and collections its string form.
 */
public final class AuditJson {
  private static final JsonCodec CODEC = JsonCodecs.select(ServiceLoader.load(JsonCodec.class));

  private AuditJson() {
  }

  /**
   * Renders a value as JSON text.
   *
   * @param value the value, possibly null
   * @return the JSON text
   */
  public static String write(Object value) {
    return CODEC.write(plain(value));
  }

  static Object plain(Object v) {
    if (v == null || v instanceof Boolean || v instanceof String || v instanceof Instant) {
      return v;
    } else if (v instanceof Number) {
      double d = ((Number) v).doubleValue();
      return Double.isNaN(d) || Double.isInfinite(d) ? v.toString() : v;
    } else if (v instanceof Map) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        m.put(String.valueOf(e.getKey()), plain(e.getValue()));
      }
      return m;
    } else if (v instanceof Collection) {
      List<Object> l = new ArrayList<>();
      for (Object e : (Collection<?>) v) {
        l.add(plain(e));
      }
      return l;
    } else if (v instanceof byte[]) {
      return Base64.getEncoder().encodeToString((byte[]) v);
    }
    return v.toString();
  }
}
