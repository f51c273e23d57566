package io.sqlitekit.dqlite.client;

import io.sqlitekit.dqlite.client.internal.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns caller parameters into wire type codes and normalised values (see {@link DqliteValue} for the
 * mapping). Runs before anything is sent, so a bad parameter never leaves a half-written request.
 */
final class Params {
  final byte[] types;
  final List<Object> values;

  private Params(byte[] types, List<Object> values) {
    this.types = types;
    this.values = values;
  }

  int size() {
    return types.length;
  }

  static Params of(List<?> params) {
    int n = params.size();
    byte[] types = new byte[n];
    List<Object> values = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Object p = params.get(i);
      int type;
      Object v;
      if (p == null) {
        type = Wire.TYPE_NULL;
        v = null;
      } else if (p instanceof Long || p instanceof Integer || p instanceof Short || p instanceof Byte) {
        type = Wire.TYPE_INTEGER;
        v = ((Number) p).longValue();
      } else if (p instanceof Double || p instanceof Float) {
        type = Wire.TYPE_FLOAT;
        v = ((Number) p).doubleValue();
      } else if (p instanceof String s) {
        type = Wire.TYPE_TEXT;
        v = s;
      } else if (p instanceof byte[] b) {
        type = Wire.TYPE_BLOB;
        v = b;
      } else if (p instanceof Boolean b) {
        type = Wire.TYPE_BOOLEAN;
        v = b ? 1L : 0L;
      } else if (p instanceof DqliteValue dv) {
        switch (dv.type()) {
          case ISO8601 -> {
            type = Wire.TYPE_ISO8601;
            v = dv.value();
          }
          case UNIXTIME -> {
            // No server release binds code 9 as a parameter; an integer is what it would bind.
            type = Wire.TYPE_INTEGER;
            v = dv.value();
          }
          case BOOLEAN -> {
            type = Wire.TYPE_BOOLEAN;
            v = (Boolean) dv.value() ? 1L : 0L;
          }
          default -> throw new IllegalStateException("DqliteValue of type " + dv.type());
        }
      } else {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "parameter %d is a %s, which dqlite cannot bind; use Long, Integer, Double, String, byte[], "
                + "Boolean, null or DqliteValue", i + 1, p.getClass().getName()));
      }
      types[i] = (byte) type;
      values.add(v);
    }
    return new Params(types, values);
  }
}
