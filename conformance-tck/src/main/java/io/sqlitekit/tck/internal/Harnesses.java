package io.sqlitekit.tck.internal;

import io.sqlitekit.tck.RepoHarness;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Internal, not API, may change. Finds harnesses through {@code ServiceLoader} and selects them by name.
 *
 * @since 0.1.0
 */
public final class Harnesses {
  private Harnesses() {
  }

  /**
   * Loads every harness visible to the context class loader (module path and class path).
   *
   * @return the harnesses in discovery order
   * @throws IllegalStateException if two harnesses share a name
   */
  public static List<RepoHarness> loadAll() {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    ServiceLoader<RepoHarness> loader = cl == null ? ServiceLoader.load(RepoHarness.class)
        : ServiceLoader.load(RepoHarness.class, cl);
    Map<String, RepoHarness> byName = new LinkedHashMap<>();
    for (RepoHarness h : loader) {
      String name = Objects.requireNonNull(h.name(), "harness name of " + h.getClass().getName());
      RepoHarness previous = byName.putIfAbsent(name, h);
      if (previous != null && previous.getClass() != h.getClass()) {
        throw new IllegalStateException(String.format(Locale.ROOT,
            "two RepoHarness providers are named \"%s\": %s and %s", name, previous.getClass().getName(),
            h.getClass().getName()));
      }
    }
    return List.copyOf(byName.values());
  }

  /**
   * Selects harnesses by a comma-separated list of names; a blank or null selection selects all.
   *
   * @param all the harnesses found
   * @param selection the names, or null
   * @return the selected harnesses in the selection's order
   * @throws IllegalStateException if none was found or a name is unknown (the message lists the names)
   */
  public static List<RepoHarness> select(List<RepoHarness> all, String selection) {
    if (all.isEmpty()) {
      throw new IllegalStateException("no io.sqlitekit.tck.RepoHarness found by ServiceLoader; provide one in "
          + "META-INF/services/io.sqlitekit.tck.RepoHarness or with 'provides' in a module descriptor");
    }
    if (selection == null || selection.isBlank()) {
      return all;
    }
    List<RepoHarness> out = new ArrayList<>();
    for (String raw : Arrays.asList(selection.split(","))) {
      String name = raw.trim();
      if (name.isEmpty()) {
        continue;
      }
      RepoHarness found = all.stream().filter(h -> h.name().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalStateException(String.format(Locale.ROOT,
              "unknown harness \"%s\"; available: %s", name,
              all.stream().map(RepoHarness::name).collect(Collectors.joining(", ")))));
      if (!out.contains(found)) {
        out.add(found);
      }
    }
    return List.copyOf(out);
  }
}
