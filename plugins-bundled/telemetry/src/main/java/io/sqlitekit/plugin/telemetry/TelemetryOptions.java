package io.sqlitekit.plugin.telemetry;

import io.sqlitekit.spi.plugin.Operation;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of the tracing plugin. Immutable; copy with the {@code withX} methods.
 *
 * <p>Defaults: every operation traced; {@code db.namespace} derived from the database file name.
 *
 * @param operations the operations that get a span
 * @param namespace the {@code db.namespace} value; empty to derive it from the database file name (no
 *     attribute for in-memory databases)
 * @since 0.1.0
 */
public record TelemetryOptions(Set<Operation> operations, String namespace) {
  /**
   * Validates and copies the options.
   *
   * @throws NullPointerException if a component or an element is null
   */
  public TelemetryOptions {
    Objects.requireNonNull(operations, "operations");
    EnumSet<Operation> ops = EnumSet.noneOf(Operation.class);
    operations.forEach(op -> ops.add(Objects.requireNonNull(op, "operation")));
    operations = Collections.unmodifiableSet(ops);
    Objects.requireNonNull(namespace, "namespace");
  }

  /**
   * Returns the defaults: every operation, derived namespace.
   *
   * @return the defaults
   */
  public static TelemetryOptions defaults() {
    return new TelemetryOptions(EnumSet.allOf(Operation.class), "");
  }

  /**
   * Returns a copy tracing only the given operations.
   *
   * @param traced the operations
   * @return the new options
   */
  public TelemetryOptions withOperations(Set<Operation> traced) {
    return new TelemetryOptions(traced, namespace);
  }

  /**
   * Returns a copy with a fixed {@code db.namespace}.
   *
   * @param name the namespace; empty to derive it
   * @return the new options
   */
  public TelemetryOptions withNamespace(String name) {
    return new TelemetryOptions(operations, name);
  }
}
