package io.sqlitekit.spi;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a repository implementation supports: an immutable set of {@link Capability} constants. The
 * conformance TCK gates its scenarios on the same constants and checks that an unsupported operation fails
 * cleanly with {@link io.sqlitekit.spi.error.OperationNotSupportedException} and changes nothing.
 *
 * <p>The set is always closed under {@link Capability#implies()}: constructing it adds what a member implies
 * (a set with {@link Capability#NESTED_TRANSACTIONS} also has {@link Capability#TRANSACTIONS}), and
 * {@link #without(Capability...)} also removes what can no longer be supported. Two instances are equal when
 * they hold the same capabilities.
 *
 * @param supported the supported capabilities: unmodifiable, iterating in declaration order
 * @since 0.1.0
 */
public record Capabilities(Set<Capability> supported) {

  /**
   * Creates the set, adding every capability a member implies.
   *
   * @param supported the supported capabilities; not null, no null element
   * @throws NullPointerException if the set or an element is null
   */
  public Capabilities {
    Objects.requireNonNull(supported, "supported");
    EnumSet<Capability> closed = EnumSet.noneOf(Capability.class);
    for (Capability c : supported) {
      closed.add(Objects.requireNonNull(c, "capability"));
    }
    // Repeat until nothing is added, so implications chain.
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Capability c : EnumSet.copyOf(closed)) {
        grew |= closed.addAll(c.implies());
      }
    }
    supported = Collections.unmodifiableSet(closed);
  }

  /**
   * Returns the set of the given capabilities and what they imply.
   *
   * @param capabilities the supported capabilities
   * @return the capabilities
   */
  public static Capabilities of(Capability... capabilities) {
    return new Capabilities(listed(capabilities));
  }

  /**
   * Returns the set of the given capabilities and what they imply.
   *
   * @param capabilities the supported capabilities
   * @return the capabilities
   */
  public static Capabilities of(Collection<Capability> capabilities) {
    // A HashSet accepts null elements, so the canonical constructor can name the problem.
    return new Capabilities(new HashSet<>(Objects.requireNonNull(capabilities, "capabilities")));
  }

  /**
   * Returns the empty set: no optional operation, and the caller retries transient conflicts.
   *
   * @return the empty capabilities
   */
  public static Capabilities none() {
    return new Capabilities(Set.of());
  }

  /**
   * Returns every capability except {@link Capability#MANAGED_RETRY}: every optional operation is supported
   * and the caller retries transient conflicts.
   *
   * @return the full capability set
   */
  public static Capabilities full() {
    return new Capabilities(EnumSet.complementOf(EnumSet.of(Capability.MANAGED_RETRY)));
  }

  /**
   * Returns whether a capability is supported.
   *
   * @param capability the capability
   * @return true when this set contains it
   */
  public boolean supports(Capability capability) {
    return supported.contains(Objects.requireNonNull(capability, "capability"));
  }

  /**
   * Returns this set plus the given capabilities and what they imply.
   *
   * @param capabilities the capabilities to add
   * @return a new set; this one is unchanged
   */
  public Capabilities with(Capability... capabilities) {
    EnumSet<Capability> out = copy();
    out.addAll(listed(capabilities));
    return new Capabilities(out);
  }

  /**
   * Returns this set minus the given capabilities and every capability that implies one of them (without
   * {@link Capability#TRANSACTIONS} there are no {@link Capability#NESTED_TRANSACTIONS} either).
   *
   * @param capabilities the capabilities to remove
   * @return a new set; this one is unchanged
   */
  public Capabilities without(Capability... capabilities) {
    EnumSet<Capability> removed = listed(capabilities);
    EnumSet<Capability> out = copy();
    // Whatever implies a removed capability goes too, transitively, so the result stays closed.
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Capability c : Capability.values()) {
        if (!removed.contains(c) && !Collections.disjoint(c.implies(), removed)) {
          grew |= removed.add(c);
        }
      }
    }
    out.removeAll(removed);
    return new Capabilities(out);
  }

  /**
   * Returns this set without its write capabilities ({@link Capability#writes()}): what a read-only repository
   * (one over a view) reports when its table would report this set.
   *
   * @return a new set with the read capabilities of this one; this one is unchanged
   * @since 0.3.0
   */
  public Capabilities readOnly() {
    return without(supported.stream().filter(Capability::writes).toArray(Capability[]::new));
  }

  /**
   * Returns the capabilities of this set that another set lacks.
   *
   * @param other the other set
   * @return the difference {@code this - other}, unmodifiable, in declaration order
   */
  public Set<Capability> missingFrom(Capabilities other) {
    EnumSet<Capability> out = copy();
    out.removeAll(Objects.requireNonNull(other, "other").supported);
    return Collections.unmodifiableSet(out);
  }

  private static EnumSet<Capability> listed(Capability... capabilities) {
    EnumSet<Capability> out = EnumSet.noneOf(Capability.class);
    for (Capability c : Objects.requireNonNull(capabilities, "capabilities")) {
      out.add(Objects.requireNonNull(c, "capability"));
    }
    return out;
  }

  private EnumSet<Capability> copy() {
    EnumSet<Capability> out = EnumSet.noneOf(Capability.class);
    out.addAll(supported);
    return out;
  }
}
