package io.sqlitekit.support.rules;

import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.update.Update;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Folds an update pipeline (several {@link Update}s applied in order) into the one {@link Update} that has the
 * same effect, so a kit writes it as one statement. Stage by stage, per field: a {@code set} or {@code unset}
 * replaces whatever earlier stages did; an {@code inc} after a {@code set} adds to the set value, after an
 * {@code unset} starts from 0 (NULL counts as 0), and after an {@code inc} adds the deltas. Every kit folds
 * with this class, so pipelines mean the same everywhere.
 *
 * @since 0.3.0
 */
public final class UpdatePipelines {
  private UpdatePipelines() {
  }

  /**
   * Returns the single update equivalent to applying the stages in order.
   *
   * @param table the table's name, for messages
   * @param stages the updates, at least one
   * @return the folded update
   * @throws ValidationException (field {@code stages}) for no stage; (the field) for an {@code inc} of a
   *     non-numeric set value or deltas whose sum leaves the 64-bit range
   */
  public static Update compose(String table, List<Update> stages) {
    Objects.requireNonNull(stages, "stages");
    if (stages.isEmpty()) {
      throw new ValidationException("stages", String.format(Locale.ROOT,
          "an update pipeline on table \"%s\" needs at least one stage", table));
    }
    Map<String, Object> set = new LinkedHashMap<>();
    Set<String> unset = new LinkedHashSet<>();
    Map<String, Number> inc = new LinkedHashMap<>();
    Map<String, Object> onInsert = new LinkedHashMap<>();
    for (int i = 0; i < stages.size(); i++) {
      Update u = Objects.requireNonNull(stages.get(i), "stage");
      // Within one stage a field is in at most one bucket, so the bucket order here does not matter.
      u.set().forEach((f, v) -> {
        unset.remove(f);
        inc.remove(f);
        set.put(f, v);
      });
      for (String f : u.unset()) {
        set.remove(f);
        inc.remove(f);
        unset.add(f);
      }
      for (Map.Entry<String, Number> e : u.inc().entrySet()) {
        String f = e.getKey();
        if (set.containsKey(f)) {
          Object v = set.get(f);
          if (v != null && !(v instanceof Number)) {
            throw new ValidationException(f, String.format(Locale.ROOT,
                "update pipeline on table \"%s\": stage %d increments \"%s\", which an earlier stage set to a "
                    + "non-numeric value", table, i, f));
          }
          set.put(f, v == null ? e.getValue() : add(table, f, (Number) v, e.getValue()));
        } else if (unset.remove(f)) {
          set.put(f, e.getValue());
        } else {
          inc.merge(f, e.getValue(), (a, b) -> add(table, f, a, b));
        }
      }
      onInsert.putAll(u.setOnInsert());
    }
    return new Update(set, unset, inc, onInsert);
  }

  /** SQLite's sum of two numbers: exact for integers (refused past 64 bits, as increments are), else REAL. */
  private static Number add(String table, String field, Number a, Number b) {
    if (integral(a) && integral(b)) {
      try {
        return Math.addExact(a.longValue(), b.longValue());
      } catch (ArithmeticException overflow) {
        throw new ValidationException(field, String.format(Locale.ROOT,
            "update pipeline on table \"%s\": the increments of \"%s\" add up beyond the 64-bit integer range",
            table, field));
      }
    }
    return a.doubleValue() + b.doubleValue();
  }

  private static boolean integral(Number n) {
    return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte
        || (n instanceof BigInteger && ((BigInteger) n).bitLength() < 64);
  }
}
