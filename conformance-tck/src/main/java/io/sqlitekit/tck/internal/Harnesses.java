package io.sqlitekit.tck.internal;

import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.tck.DriverHarness;
import io.sqlitekit.tck.RepoHarness;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Internal, not API, may change. Finds harnesses (repository harnesses and driver harnesses) through
 * {@code ServiceLoader} and selects them by name.
 *
 * @since 0.1.0
 */
public final class Harnesses {
  private Harnesses() {
  }

  /**
   * Loads every repository harness visible to the context class loader (module path and class path).
   *
   * @return the harnesses in discovery order
   * @throws IllegalStateException if two harnesses share a name
   */
  public static List<RepoHarness> loadAll() {
    return load(RepoHarness.class, RepoHarness::name);
  }

  /**
   * Loads every driver harness visible to the context class loader (module path and class path).
   *
   * @return the harnesses in discovery order
   * @throws IllegalStateException if two harnesses share a name
   */
  public static List<DriverHarness> loadDrivers() {
    return load(DriverHarness.class, DriverHarness::name);
  }

  private static <H> List<H> load(Class<H> type, Function<H, String> nameOf) {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    ServiceLoader<H> loader = cl == null ? ServiceLoader.load(type) : ServiceLoader.load(type, cl);
    Map<String, H> byName = new LinkedHashMap<>();
    for (H h : loader) {
      String name = Objects.requireNonNull(nameOf.apply(h), "harness name of " + h.getClass().getName());
      H previous = byName.putIfAbsent(name, h);
      if (previous != null && previous.getClass() != h.getClass()) {
        throw new IllegalStateException(String.format(Locale.ROOT,
            "two %s providers are named \"%s\": %s and %s", type.getSimpleName(), name,
            previous.getClass().getName(), h.getClass().getName()));
      }
    }
    return List.copyOf(byName.values());
  }

  /**
   * Returns whether a harness creates views: it overrides {@link RepoHarness#createView}, whose default
   * returns empty. Asked before a view scenario runs, so a harness without views gets a skip with a reason
   * instead of a view created for nothing.
   *
   * @param harness the harness
   * @return true if its class (or a superclass) implements {@code createView}
   */
  public static boolean createsViews(RepoHarness harness) {
    try {
      return harness.getClass().getMethod("createView", TableDef.class, Filter.class).getDeclaringClass()
          != RepoHarness.class;
    } catch (NoSuchMethodException e) {
      throw new AssertionError("RepoHarness declares createView", e);
    }
  }

  /**
   * Selects repository harnesses by a comma-separated list of names; a blank or null selection selects all.
   *
   * @param all the harnesses found
   * @param selection the names, or null
   * @return the selected harnesses in the selection's order
   * @throws IllegalStateException if none was found or a name is unknown (the message lists the names)
   */
  public static List<RepoHarness> select(List<RepoHarness> all, String selection) {
    return select(all, selection, RepoHarness.class, RepoHarness::name);
  }

  /**
   * Selects driver harnesses by a comma-separated list of names; a blank or null selection selects all.
   *
   * @param all the driver harnesses found
   * @param selection the names, or null
   * @return the selected harnesses in the selection's order
   * @throws IllegalStateException if none was found or a name is unknown (the message lists the names)
   */
  public static List<DriverHarness> selectDrivers(List<DriverHarness> all, String selection) {
    return select(all, selection, DriverHarness.class, DriverHarness::name);
  }

  private static <H> List<H> select(List<H> all, String selection, Class<H> type, Function<H, String> nameOf) {
    if (all.isEmpty()) {
      throw new IllegalStateException(String.format(Locale.ROOT, "no %1$s found by ServiceLoader; provide one in "
          + "META-INF/services/%1$s or with 'provides' in a module descriptor", type.getName()));
    }
    if (selection == null || selection.isBlank()) {
      return all;
    }
    List<H> out = new ArrayList<>();
    for (String raw : Arrays.asList(selection.split(","))) {
      String name = raw.trim();
      if (name.isEmpty()) {
        continue;
      }
      H found = all.stream().filter(h -> nameOf.apply(h).equals(name)).findFirst()
          .orElseThrow(() -> new IllegalStateException(String.format(Locale.ROOT,
              "unknown harness \"%s\"; available: %s", name,
              all.stream().map(nameOf).collect(Collectors.joining(", ")))));
      if (!out.contains(found)) {
        out.add(found);
      }
    }
    return List.copyOf(out);
  }
}
