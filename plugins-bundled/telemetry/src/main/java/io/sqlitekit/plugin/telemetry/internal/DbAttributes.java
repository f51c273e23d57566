package io.sqlitekit.plugin.telemetry.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.sqlitekit.spi.plugin.Operation;
import java.util.Locale;
import java.util.Optional;

/**
 * Internal, not API, may change. Database semantic-convention keys, kept here rather than taken from the
 * semconv artifact (one small dependency fewer, and the keys are stable), plus the naming helpers.
 */
final class DbAttributes {
  static final AttributeKey<String> DB_SYSTEM_NAME = AttributeKey.stringKey("db.system.name");
  static final AttributeKey<String> DB_NAMESPACE = AttributeKey.stringKey("db.namespace");
  static final AttributeKey<String> DB_COLLECTION_NAME = AttributeKey.stringKey("db.collection.name");
  static final AttributeKey<String> DB_OPERATION_NAME = AttributeKey.stringKey("db.operation.name");
  static final AttributeKey<String> DB_QUERY_SUMMARY = AttributeKey.stringKey("db.query.summary");
  static final AttributeKey<String> DB_QUERY_TEXT = AttributeKey.stringKey("db.query.text");
  static final AttributeKey<Long> DB_OPERATION_BATCH_SIZE = AttributeKey.longKey("db.operation.batch.size");
  static final AttributeKey<String> DB_RESPONSE_STATUS_CODE = AttributeKey.stringKey("db.response.status_code");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  static final String SQLITE = "sqlite";

  private DbAttributes() {
  }

  /** The repository method name of an operation: {@code GET_BY_ID} becomes {@code getById}. */
  static String methodName(Operation op) {
    String[] parts = op.name().toLowerCase(Locale.ROOT).split("_");
    StringBuilder sb = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      sb.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i], 1, parts[i].length());
    }
    return sb.toString();
  }

  /** The SQL verb an operation (mostly) runs, for {@code db.query.summary}. */
  static String verb(Operation op, boolean deleteConvertedToUpdate) {
    switch (op.kind()) {
      case READ:
        return "SELECT";
      case INSERT:
        return "INSERT";
      case UPDATE:
        return "UPDATE";
      case DELETE:
        return deleteConvertedToUpdate ? "UPDATE" : "DELETE";
      case BATCH:
      default:
        return "BATCH";
    }
  }

  /**
   * The database file name of a JDBC URL, for {@code db.namespace}; empty for in-memory databases.
   *
   * @param url the JDBC URL
   * @return the file name
   */
  static Optional<String> namespaceOf(String url) {
    String s = url;
    if (s.startsWith("jdbc:sqlite:")) {
      s = s.substring("jdbc:sqlite:".length());
    }
    int q = s.indexOf('?');
    String query = q >= 0 ? s.substring(q + 1) : "";
    if (q >= 0) {
      s = s.substring(0, q);
    }
    if (s.startsWith("file:")) {
      s = s.substring("file:".length());
    }
    if (s.isEmpty() || s.equals(":memory:") || query.contains("mode=memory")) {
      return Optional.empty();
    }
    int slash = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
    String name = s.substring(slash + 1);
    return name.isEmpty() ? Optional.empty() : Optional.of(name);
  }
}
