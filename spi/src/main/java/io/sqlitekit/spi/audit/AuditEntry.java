package io.sqlitekit.spi.audit;

import io.sqlitekit.spi.plugin.Operation;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One audited write.
 *
 * @param operation the operation
 * @param table the table name
 * @param id the primary key of the affected row rendered as text, or null for bulk writes
 * @param actor the actor from the call context, or null
 * @param tenant the tenant from the call context, or null
 * @param before the row's fields before the write (redacted), or an empty map when not captured
 * @param after the row's fields after the write (redacted), or an empty map for deletes
 * @param changedFields the fields the write set, in order
 * @param affectedRows how many rows the write touched
 * @param timestamp when the write happened, from the kit's clock
 * @since 0.1.0
 */
public record AuditEntry(Operation operation, String table, String id, String actor, String tenant,
    Map<String, Object> before, Map<String, Object> after, List<String> changedFields, long affectedRows,
    Instant timestamp) {
  /**
   * Validates and copies the entry.
   *
   * @throws NullPointerException if a required component is null
   */
  public AuditEntry {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(table, "table");
    before = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(before, "before")));
    after = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(after, "after")));
    changedFields = List.copyOf(Objects.requireNonNull(changedFields, "changedFields"));
    Objects.requireNonNull(timestamp, "timestamp");
  }
}
