package io.sqlitekit.plugin.cache.internal;

import io.sqlitekit.spi.plugin.TimeVariantFilter;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal, not API, may change. A cached read whose key stands each time-variant filter part (the TTL plugin's
 * {@code expiry > now}) by its rule instead of its instant: the result, and per part the instants
 * [{@code at}, {@code changesAt}) in which it is exactly the answer. A later read is answered from it only when
 * each of its own parts was built for an instant in that range, so an expired row is never served.
 */
final class TimedEntry {
  private static final Logger LOG = LoggerFactory.getLogger(TimedEntry.class);

  private final Object value;
  private final Instant[] from;
  private final Instant[] until;

  private TimedEntry(Object value, Instant[] from, Instant[] until) {
    this.value = value;
    this.from = from;
    this.until = until;
  }

  /** The key's stand-ins for the parts' filter objects (by identity): their rules. */
  static Map<Object, String> standIns(List<TimeVariantFilter> parts) {
    if (parts.isEmpty()) {
      return Map.of();
    }
    Map<Object, String> standIns = new IdentityHashMap<>();
    for (TimeVariantFilter p : parts) {
      standIns.put(p.filter(), p.rule());
    }
    return standIns;
  }

  /**
   * The entry for a result read with these parts, or null when it must not be cached: a part could not say when
   * it next selects other rows, or already does at its own instant.
   */
  static TimedEntry of(Object value, List<TimeVariantFilter> parts) {
    Instant[] from = new Instant[parts.size()];
    Instant[] until = new Instant[parts.size()];
    for (int i = 0; i < from.length; i++) {
      TimeVariantFilter p = parts.get(i);
      from[i] = p.at();
      try {
        until[i] = p.changesAt().get();
      } catch (RuntimeException e) {
        LOG.debug("read not cached: {} cannot say when it changes", p.rule(), e);
        return null;
      }
      if (until[i] == null || !until[i].isAfter(from[i])) {
        return null;
      }
    }
    return new TimedEntry(value, from, until);
  }

  /** Whether this result is the answer for a read whose parts were built now (same rules, same order). */
  boolean answers(List<TimeVariantFilter> parts) {
    if (parts.size() != from.length) {
      return false;
    }
    for (int i = 0; i < from.length; i++) {
      Instant at = parts.get(i).at();
      // Before the read (a clock set back) rows that have expired since could have been live: not the answer.
      if (at.isBefore(from[i]) || !at.isBefore(until[i])) {
        return false;
      }
    }
    return true;
  }

  /** The cached result, exactly as the repository returned it. */
  Object value() {
    return value;
  }
}
