package io.sqlitekit.spi.plugin;

import io.sqlitekit.spi.filter.Filter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A part of a read's filter that a before-hook built from the time of the read, such as the TTL plugin's
 * {@code expiry IS NULL OR expiry > now}. The hook declares it on the call ({@link #declare}) so that a read cache
 * can key the read without the instant (otherwise every read is a new question and nothing is ever a hit) and
 * still never answer with a result the passing time has changed: absent writes, a result read with the part built
 * at {@code at} is exactly the result at any instant in [{@code at}, {@code changesAt.get()}).
 *
 * <p>A hook that cannot tell when its part may next select other rows does not declare it; the part then stays in
 * the key with its instant, which is correct but never hits.
 *
 * @param filter the part: the very object the hook put into the call's filter (a cache matches it by identity)
 * @param rule stable text standing for the part in a key; it names the rule, never the instant (for example
 *     {@code ttl:expiresAt})
 * @param at the instant the part was built for
 * @param changesAt computes the first instant after {@code at} at which the part may select other rows if
 *     nothing is written, or {@link Instant#MAX} when it never will; called at most once per read, after it,
 *     outside any transaction; it may query the database
 * @since 0.3.0
 */
public record TimeVariantFilter(Filter filter, String rule, Instant at, Supplier<Instant> changesAt) {
  /** The call attribute holding the declared parts, in declaration order. */
  private static final String ATTRIBUTE = TimeVariantFilter.class.getName();

  /**
   * Checks the components.
   *
   * @throws NullPointerException if any is null
   */
  public TimeVariantFilter {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(changesAt, "changesAt");
  }

  /**
   * Declares a time-variant part of the call's filter; call it right after adding the part.
   *
   * @param ctx the read's hook context
   * @param part the part
   */
  public static void declare(HookContext ctx, TimeVariantFilter part) {
    Objects.requireNonNull(part, "part");
    @SuppressWarnings("unchecked")
    List<TimeVariantFilter> parts = (List<TimeVariantFilter>) ctx.attributes()
        .computeIfAbsent(ATTRIBUTE, k -> new ArrayList<TimeVariantFilter>(1));
    parts.add(part);
  }

  /**
   * Returns the parts declared on the call so far.
   *
   * @param ctx the read's hook context
   * @return the parts in declaration order; empty when none was declared
   */
  public static List<TimeVariantFilter> declared(HookContext ctx) {
    Object parts = ctx.attributes().get(ATTRIBUTE);
    if (parts == null) {
      return List.of();
    }
    @SuppressWarnings("unchecked")
    List<TimeVariantFilter> list = (List<TimeVariantFilter>) parts;
    return List.copyOf(list);
  }
}
