package io.sqlitekit.it.diff;

import static org.junit.jupiter.api.Assertions.fail;

import io.sqlitekit.spi.OffsetPage;
import io.sqlitekit.spi.error.BulkWriteException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The one loop of every differential test: for each data set a seeded generator, the data set prepared on both
 * kits, then cases drawn from the generator, each run on the SQLite kit and on the memory kit; outcomes (a
 * value, or the exception's type) must be equal, and after a write the kits' whole states too. A mismatch is
 * reported with the run's seed, the data set's seed and index, the case's index and description and both
 * outcomes; a write mismatch ends its data set (later cases would only repeat it). It prints one summary line
 * with the case count, the time, the mismatch count, the properties to rerun it and the outcome kinds, and
 * fails the test when anything differed.
 *
 * <p>Properties: {@code sqlitekit.diff.seed} (default {@code System.nanoTime()}), and per run
 * {@code sqlitekit.diff.<prefix>Datasets} / {@code <prefix>Cases} ({@code datasets} / {@code cases} for the
 * empty prefix).
 */
final class DiffRunner {
  private static final int MAX_REPORTED = Integer.getInteger("sqlitekit.diff.maxReported", 15);
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  /** Prepares one data set on both kits. */
  @FunctionalInterface
  interface DataSets {
    /**
     * Empties both kits and stores the data set's rows in each.
     *
     * @param gen the data set's generator (its rows and then its cases come from it)
     * @return both sides, and how seeding differed (null when it did not)
     */
    Prepared prepare(DiffGen gen);
  }

  /**
   * A data set ready on both kits.
   *
   * @param sqlite the SQLite kit's side
   * @param memory the memory kit's side
   * @param seedMismatch how storing the rows differed between the kits, or null
   * @param close releases what the data set opened (its memory kit)
   */
  record Prepared(DiffSide sqlite, DiffSide memory, String seedMismatch, Runnable close) {
    Prepared(DiffSide sqlite, DiffSide memory, String seedMismatch) {
      this(sqlite, memory, seedMismatch, () -> { });
    }
  }

  /**
   * What a run saw.
   *
   * @param cases cases run
   * @param writes write cases whose states were compared
   * @param stats the SQLite kit's outcomes by kind (rows, empty, value, or the exception type)
   * @param measures the named sums over the SQLite kit's outcomes
   * @param summary the printed line
   */
  record Result(long cases, long writes, Map<String, Integer> stats, Map<String, Long> measures, String summary) {
    int stat(String kind) {
      return stats.getOrDefault(kind, 0);
    }

    /** The cases of one operation (tallied {@link #byOperation()}) with an outcome of that kind. */
    int stat(String operation, String kind) {
      return stat(operation + " " + kind);
    }
  }

  private final String title;
  private final String prefix;
  private final int datasets;
  private final int casesPer;
  private final long seed = Long.getLong("sqlitekit.diff.seed", System.nanoTime());
  private final Map<String, ToLongFunction<Object>> measures = new LinkedHashMap<>();
  private boolean byOperation;

  /**
   * A runner.
   *
   * @param title what is compared, for the summary ("aggregate v2", …; empty for the basic run)
   * @param prefix the property prefix of the data set and case counts
   * @param datasets data sets by default
   * @param casesPer cases per data set by default
   */
  DiffRunner(String title, String prefix, int datasets, int casesPer) {
    this.title = title;
    this.prefix = prefix;
    this.datasets = Integer.getInteger(property("Datasets", "datasets"), datasets);
    this.casesPer = Integer.getInteger(property("Cases", "cases"), casesPer);
  }

  private String property(String suffix, String plain) {
    return "sqlitekit.diff." + (prefix.isEmpty() ? plain : prefix + suffix);
  }

  /**
   * Tallies outcome kinds per operation (the case description up to its first parenthesis), so the summary
   * shows that each operation both succeeded and failed.
   */
  DiffRunner byOperation() {
    byOperation = true;
    return this;
  }

  /** Also sums a figure over the SQLite kit's outcomes and prints it (joined rows, for instance). */
  DiffRunner measure(String name, ToLongFunction<Object> figure) {
    measures.put(name, figure);
    return this;
  }

  /** Data sets times cases per data set: the number of cases a full run has. */
  long planned() {
    return (long) datasets * casesPer;
  }

  /**
   * Runs every data set and case, prints the summary and fails on any mismatch.
   *
   * @param sets prepares each data set
   * @param cases draws the next case from a data set's generator
   * @return what the run saw, for the caller's own checks
   */
  Result run(DataSets sets, Function<DiffGen, DiffCase> cases) {
    String rerun = String.format(Locale.ROOT, "-Dsqlitekit.diff.seed=%d -D%s=%d -D%s=%d", seed,
        property("Datasets", "datasets"), datasets, property("Cases", "cases"), casesPer);
    List<String> mismatches = new ArrayList<>();
    Map<String, Integer> stats = new TreeMap<>();
    Map<String, Long> sums = new LinkedHashMap<>();
    measures.keySet().forEach(k -> sums.put(k, 0L));
    long count = 0;
    long writes = 0;
    long started = System.nanoTime();
    for (int d = 0; d < datasets && mismatches.size() < MAX_REPORTED; d++) {
      long dataSeed = seed + d * GOLDEN;
      DiffGen gen = new DiffGen(dataSeed);
      Prepared p = sets.prepare(gen);
      try {
        String where = String.format(Locale.ROOT, "data set %d (generator seed %d)", d, dataSeed);
        if (p.seedMismatch() != null) {
          mismatches.add(where + ": " + p.seedMismatch());
          continue;
        }
        for (int c = 0; c < casesPer && mismatches.size() < MAX_REPORTED; c++) {
          count++;
          DiffCase k = cases.apply(gen);
          Object sa = outcome(() -> k.apply(p.sqlite()));
          Object ma = outcome(() -> k.apply(p.memory()));
          String op = k.description.substring(0, Math.max(0, k.description.indexOf('(')));
          stats.merge(byOperation ? op + " " + kindOf(sa) : kindOf(sa), 1, Integer::sum);
          measures.forEach((name, f) -> sums.merge(name, f.applyAsLong(sa), Long::sum));
          boolean same = sa.equals(ma);
          if (same && k.writes) {
            writes++;
            same = p.sqlite().state().get().equals(p.memory().state().get());
          }
          if (!same) {
            mismatches.add(String.format(Locale.ROOT, "%s, case %d: %s%n  sqlite: %s%n  memory: %s%s", where, c,
                k.description, sa, ma, k.writes ? "\n  sqlite state: " + p.sqlite().state().get()
                    + "\n  memory state: " + p.memory().state().get() : ""));
            if (k.writes) {
              break;
            }
          }
        }
      } finally {
        p.close().run();
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    StringBuilder figures = new StringBuilder();
    sums.forEach((name, sum) -> figures.append(", ").append(sum).append(' ').append(name));
    String summary = String.format(Locale.ROOT, "Differential %sSQLite vs memory: %d cases (%d writes) over %d"
        + " data sets in %.1f s%s, %d mismatches (%s); SQLite outcomes: %s", title.isEmpty() ? "" : title + ", ",
        count, writes, datasets, seconds, figures, mismatches.size(), rerun, stats);
    System.err.println(summary);
    if (!mismatches.isEmpty()) {
      fail(summary + "\n" + String.join("\n", mismatches));
    }
    return new Result(count, writes, stats, sums, summary);
  }

  /**
   * Stores the same rows on both kits and reports how the outcomes or the resulting states differed.
   *
   * @param what what was stored, for the message
   * @param sqlite stores on the SQLite kit, returning the outcome
   * @param memory stores on the memory kit
   * @param sqliteState reads the SQLite kit's state afterwards
   * @param memoryState reads the memory kit's state afterwards
   * @return null when both agree, else a description
   */
  static String seedBoth(String what, Supplier<Object> sqlite, Supplier<Object> memory, Supplier<Object> sqliteState,
      Supplier<Object> memoryState) {
    Object a = outcome(sqlite);
    Object b = outcome(memory);
    if (a.equals(b) && sqliteState.get().equals(memoryState.get())) {
      return null;
    }
    return "storing " + what + "\n  sqlite: " + a + " " + sqliteState.get() + "\n  memory: " + b + " "
        + memoryState.get();
  }

  /**
   * The result, or the exception's type name (messages may differ between kits; the type may not); a failed
   * bulk write also names the failing operation's index and the cause's type.
   */
  static Object outcome(Supplier<Object> call) {
    try {
      Object v = call.get();
      return v == null ? "null" : v;
    } catch (BulkWriteException e) {
      return "throws BulkWriteException at op " + e.opIndex() + " ("
          + (e.getCause() == null ? "no cause" : e.getCause().getClass().getSimpleName()) + ")";
    } catch (RuntimeException e) {
      return "throws " + e.getClass().getSimpleName();
    }
  }

  /** Classifies an outcome for the summary, so a reader sees that cases match rows, not only errors. */
  static String kindOf(Object outcome) {
    if (outcome instanceof String && ((String) outcome).startsWith("throws ")) {
      String s = ((String) outcome).substring(7);
      int space = s.indexOf(' ');
      return space < 0 ? s : s.substring(0, space);
    }
    if (outcome instanceof OffsetPage<?> page) {
      return kindOf(page.items());
    }
    if (outcome instanceof java.util.Collection) {
      return ((java.util.Collection<?>) outcome).isEmpty() ? "empty" : "rows";
    }
    if (outcome instanceof Map) {
      return ((Map<?, ?>) outcome).isEmpty() ? "empty" : "rows";
    }
    return "value";
  }
}
