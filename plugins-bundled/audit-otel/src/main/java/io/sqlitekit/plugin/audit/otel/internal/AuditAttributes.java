package io.sqlitekit.plugin.audit.otel.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.sqlitekit.spi.audit.AuditEntry;
import java.util.Locale;
import java.util.Optional;

/**
 * Internal, not API, may change. Attribute keys of audit log records and span events: database semantic
 * conventions where they exist, {@code sqlitekit.audit.*} for the audit-specific fields. Never values.
 */
public final class AuditAttributes {
  static final AttributeKey<String> DB_SYSTEM_NAME = AttributeKey.stringKey("db.system.name");
  static final AttributeKey<String> DB_COLLECTION_NAME = AttributeKey.stringKey("db.collection.name");
  static final AttributeKey<String> DB_OPERATION_NAME = AttributeKey.stringKey("db.operation.name");
  /** The audited row's primary key as text. */
  public static final AttributeKey<String> ROW_ID = AttributeKey.stringKey("sqlitekit.audit.row_id");
  /** The actor. */
  public static final AttributeKey<String> ACTOR = AttributeKey.stringKey("sqlitekit.audit.actor");
  /** The tenant. */
  public static final AttributeKey<String> TENANT = AttributeKey.stringKey("sqlitekit.audit.tenant");
  /** The changed field names. */
  public static final AttributeKey<java.util.List<String>> CHANGED_FIELDS =
      AttributeKey.stringArrayKey("sqlitekit.audit.changed_fields");
  /** The number of affected rows. */
  public static final AttributeKey<Long> AFFECTED_ROWS = AttributeKey.longKey("sqlitekit.audit.affected_rows");

  private AuditAttributes() {
  }

  /**
   * Maps an entry to attributes.
   *
   * @param entry the entry
   * @return the attributes
   */
  public static Attributes of(AuditEntry entry) {
    AttributesBuilder b = Attributes.builder()
        .put(DB_SYSTEM_NAME, "sqlite")
        .put(DB_COLLECTION_NAME, entry.table())
        .put(DB_OPERATION_NAME, methodName(entry.operation().name()))
        .put(CHANGED_FIELDS, entry.changedFields())
        .put(AFFECTED_ROWS, entry.affectedRows());
    if (entry.id() != null) {
      b.put(ROW_ID, entry.id());
    }
    if (entry.actor() != null) {
      b.put(ACTOR, entry.actor());
    }
    if (entry.tenant() != null) {
      b.put(TENANT, entry.tenant());
    }
    return b.build();
  }

  /**
   * Returns this module's version from its descriptor, or its package's on the class path.
   *
   * @return the version
   */
  public static Optional<String> version() {
    Module m = AuditAttributes.class.getModule();
    if (m.isNamed() && m.getDescriptor() != null && m.getDescriptor().rawVersion().isPresent()) {
      return m.getDescriptor().rawVersion();
    }
    return Optional.ofNullable(AuditAttributes.class.getPackage().getImplementationVersion());
  }

  static String methodName(String constant) {
    String[] parts = constant.toLowerCase(Locale.ROOT).split("_");
    StringBuilder sb = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      sb.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i], 1, parts[i].length());
    }
    return sb.toString();
  }
}
