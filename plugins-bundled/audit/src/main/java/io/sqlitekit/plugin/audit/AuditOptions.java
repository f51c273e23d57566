package io.sqlitekit.plugin.audit;

import io.sqlitekit.spi.audit.AuditExporter;
import io.sqlitekit.spi.plugin.Operation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of the audit plugin. Immutable; copy with the {@code withX} methods.
 *
 * <p>Defaults: no exporter (at least one must be added before the plugin is created), nothing redacted,
 * every write operation audited.
 *
 * @param exporters exporter instances, in export order
 * @param exporterNames names of exporters to look up among the {@link AuditExporter} services (for example
 *     {@code "table"}, {@code "slf4j"}, {@code "otel"}), exported after the instances
 * @param redactedFields fields whose values are replaced by {@value #REDACTED} in before/after images
 * @param operations the write operations audited
 * @since 0.1.0
 */
public record AuditOptions(List<AuditExporter> exporters, List<String> exporterNames, Set<String> redactedFields,
    Set<Operation> operations) {
  /** The text that replaces a redacted value. */
  public static final String REDACTED = "[REDACTED]";

  /**
   * Validates and copies the options.
   *
   * @throws NullPointerException if a component or an element is null
   * @throws IllegalArgumentException if an operation is a read
   */
  public AuditOptions {
    exporters = List.copyOf(Objects.requireNonNull(exporters, "exporters"));
    exporterNames = List.copyOf(Objects.requireNonNull(exporterNames, "exporterNames"));
    redactedFields = Collections.unmodifiableSet(new LinkedHashSet<>(
        List.copyOf(Objects.requireNonNull(redactedFields, "redactedFields"))));
    Objects.requireNonNull(operations, "operations");
    EnumSet<Operation> ops = EnumSet.noneOf(Operation.class);
    for (Operation op : operations) {
      if (!Objects.requireNonNull(op, "operation").isWrite()) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "operation %s is a read; only writes are audited", op));
      }
      ops.add(op);
    }
    operations = Collections.unmodifiableSet(ops);
  }

  /**
   * Returns the defaults: no exporter, nothing redacted, every write audited.
   *
   * @return the defaults
   */
  public static AuditOptions defaults() {
    return new AuditOptions(List.of(), List.of(), Set.of(), Operation.writes());
  }

  /**
   * Returns a copy with exporter instances added.
   *
   * @param added the exporters
   * @return the new options
   */
  public AuditOptions withExporters(AuditExporter... added) {
    List<AuditExporter> all = new ArrayList<>(exporters);
    all.addAll(Arrays.asList(added));
    return new AuditOptions(all, exporterNames, redactedFields, operations);
  }

  /**
   * Returns a copy with exporter names added, resolved by {@link java.util.ServiceLoader} when the plugin is
   * created.
   *
   * @param names the names
   * @return the new options
   */
  public AuditOptions withExporterNames(String... names) {
    List<String> all = new ArrayList<>(exporterNames);
    all.addAll(Arrays.asList(names));
    return new AuditOptions(exporters, all, redactedFields, operations);
  }

  /**
   * Returns a copy with the redacted fields replaced.
   *
   * @param fields the field names (property keys)
   * @return the new options
   */
  public AuditOptions withRedactedFields(String... fields) {
    return new AuditOptions(exporters, exporterNames, new LinkedHashSet<>(Arrays.asList(fields)), operations);
  }

  /**
   * Returns a copy with the audited operations replaced.
   *
   * @param audited the write operations to audit
   * @return the new options
   * @throws IllegalArgumentException if an operation is a read
   */
  public AuditOptions withOperations(Set<Operation> audited) {
    return new AuditOptions(exporters, exporterNames, redactedFields, audited);
  }
}
