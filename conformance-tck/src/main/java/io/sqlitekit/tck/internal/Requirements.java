package io.sqlitekit.tck.internal;

import io.sqlitekit.spi.Capabilities;
import io.sqlitekit.spi.Capability;
import io.sqlitekit.tck.Requires;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Internal, not API, may change. The merged {@link Requires} of a test method and its class, and the verdict
 * against a harness's capabilities.
 *
 * @param required the capabilities that must be present, with what they imply
 * @param absent the capabilities that must be absent
 * @since 0.1.0
 */
public record Requirements(Set<Capability> required, Set<Capability> absent) {

  /**
   * Reads the requirements of a method (merged with its declaring class's).
   *
   * @param method the test method
   * @return the requirements
   * @throws IllegalStateException if a capability is both required (directly or by implication) and absent
   */
  public static Requirements of(Method method) {
    EnumSet<Capability> req = EnumSet.noneOf(Capability.class);
    EnumSet<Capability> abs = EnumSet.noneOf(Capability.class);
    for (Requires r : new Requires[] {method.getDeclaringClass().getAnnotation(Requires.class),
        method.getAnnotation(Requires.class)}) {
      if (r != null) {
        req.addAll(Arrays.asList(r.value()));
        abs.addAll(Arrays.asList(r.absent()));
      }
    }
    // A harness's capabilities are closed under implication, so a requirement must be too.
    Set<Capability> required = Capabilities.of(req).supported();
    EnumSet<Capability> both = EnumSet.noneOf(Capability.class);
    both.addAll(required);
    both.retainAll(abs);
    if (!both.isEmpty()) {
      throw new IllegalStateException(String.format(Locale.ROOT,
          "conflicting requirements on %s: %s both required and absent", TestIds.of(method), both));
    }
    return new Requirements(required, Set.copyOf(abs));
  }

  /**
   * Returns why a harness with these capabilities cannot run the test.
   *
   * @param harnessName the harness name (for the message)
   * @param capabilities the harness's declared capabilities
   * @return the skip reason naming the capabilities, or empty when the test can run
   */
  public Optional<String> unmetBy(String harnessName, Capabilities capabilities) {
    Set<Capability> missing = Capabilities.of(required).missingFrom(capabilities);
    if (!missing.isEmpty()) {
      return Optional.of(String.format(Locale.ROOT, "requires %s, which harness \"%s\" does not support",
          missing, harnessName));
    }
    EnumSet<Capability> present = EnumSet.noneOf(Capability.class);
    present.addAll(absent);
    present.retainAll(capabilities.supported());
    if (!present.isEmpty()) {
      return Optional.of(String.format(Locale.ROOT, "requires %s absent, but harness \"%s\" supports it",
          present, harnessName));
    }
    return Optional.empty();
  }
}
