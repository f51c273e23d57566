package io.sqlitekit.tck.internal;

import io.sqlitekit.tck.RepoFeature;
import io.sqlitekit.tck.Requires;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Internal, not API, may change. The merged {@link Requires} of a test method and its class, and the verdict
 * against a harness's features.
 *
 * @param required the features that must be present (expanded)
 * @param absent the features that must be absent (expanded)
 * @since 0.1.0
 */
public record Requirements(Set<RepoFeature> required, Set<RepoFeature> absent) {

  /**
   * Reads the requirements of a method (merged with its declaring class's).
   *
   * @param method the test method
   * @return the requirements
   * @throws IllegalStateException if a feature is both required and absent
   */
  public static Requirements of(Method method) {
    EnumSet<RepoFeature> req = EnumSet.noneOf(RepoFeature.class);
    EnumSet<RepoFeature> abs = EnumSet.noneOf(RepoFeature.class);
    for (Requires r : new Requires[] {method.getDeclaringClass().getAnnotation(Requires.class),
        method.getAnnotation(Requires.class)}) {
      if (r != null) {
        req.addAll(RepoFeature.expand(Arrays.asList(r.value())));
        abs.addAll(RepoFeature.expand(Arrays.asList(r.absent())));
      }
    }
    Set<RepoFeature> both = new TreeSet<>(req);
    both.retainAll(abs);
    if (!both.isEmpty()) {
      throw new IllegalStateException(String.format(Locale.ROOT,
          "conflicting requirements on %s: %s both required and absent", TestIds.of(method), both));
    }
    return new Requirements(Set.copyOf(req), Set.copyOf(abs));
  }

  /**
   * Returns why a harness with these features cannot run the test.
   *
   * @param harnessName the harness name (for the message)
   * @param features the harness's expanded features
   * @return the skip reason naming the features, or empty when the test can run
   */
  public Optional<String> unmetBy(String harnessName, Set<RepoFeature> features) {
    Set<RepoFeature> missing = new TreeSet<>(required);
    missing.removeAll(features);
    if (!missing.isEmpty()) {
      return Optional.of(String.format(Locale.ROOT, "requires %s, which harness \"%s\" does not support",
          missing, harnessName));
    }
    Set<RepoFeature> present = new TreeSet<>(absent);
    present.retainAll(features);
    if (!present.isEmpty()) {
      return Optional.of(String.format(Locale.ROOT, "requires %s absent, but harness \"%s\" supports it",
          present, harnessName));
    }
    return Optional.empty();
  }
}
