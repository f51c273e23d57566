package io.sqlitekit.plugin.audit.internal;

import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Internal, not API, may change. Turns a repository result (a document map or a record) into a field map,
 * applying redaction.
 */
final class Images {
  private Images() {
  }

  static Map<String, Object> of(Object row, Set<String> redacted) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (row instanceof Map) {
      ((Map<?, ?>) row).forEach((k, v) -> out.put(String.valueOf(k), v));
    } else if (row != null && row.getClass().isRecord()) {
      for (RecordComponent c : row.getClass().getRecordComponents()) {
        try {
          out.put(c.getName(), c.getAccessor().invoke(row));
        } catch (ReflectiveOperationException | RuntimeException e) {
          // A record in a package not open to us: audit without an image rather than fail the write.
          return Collections.emptyMap();
        }
      }
    }
    return redact(out, redacted);
  }

  static Map<String, Object> redact(Map<String, Object> image, Set<String> redacted) {
    for (String f : redacted) {
      if (image.containsKey(f) && image.get(f) != null) {
        image.put(f, io.sqlitekit.plugin.audit.AuditOptions.REDACTED);
      }
    }
    return image;
  }
}
