package io.sqlitekit.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns measured scores into the committed report: {@code results.csv}, {@code results.json},
 * {@code docs/BENCHMARKS.md} and one SVG ratio chart per benchmark class. Kept apart from the JMH runner so a
 * report can be re-rendered from a committed {@code results.csv} without measuring again.
 *
 * <p>Each score is the median of the per-fork means; min and max across forks show the spread, the baseline's
 * included. A ratio is median against median from the same run; for throughput it is inverted so that above 1
 * always means costlier than raw JDBC.
 */
final class BenchReport {
  private BenchReport() {
  }

  /** One benchmark × system × params, with the mean score of each fork. */
  record Row(String workload, String system, String params, String unit, boolean throughput, double[] forks) {
    Row {
      forks = forks.clone();
      if (forks.length == 0) {
        throw new IllegalArgumentException("no fork scores for " + workload + " " + system);
      }
    }

    String key() {
      return workload + "|" + params;
    }

    double median() {
      double[] s = forks.clone();
      Arrays.sort(s);
      int n = s.length;
      return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    double min() {
      return Arrays.stream(forks).min().orElseThrow();
    }

    double max() {
      return Arrays.stream(forks).max().orElseThrow();
    }

    /** Max minus min across forks, relative to the median: how far apart two forks of this row landed. */
    double spread() {
      return (max() - min()) / median();
    }

    /** The benchmark class, e.g. {@code CrudBenchmarks}. */
    String group() {
      int dot = workload.indexOf('.');
      return dot < 0 ? workload : workload.substring(0, dot);
    }
  }

  /**
   * How the run was made, for the report header. {@code notes} says, per workload or benchmark class, what differs
   * from the header: a class skipped (and why) or a workload measured by a separate {@code --include} run (when,
   * under what load).
   */
  record RunInfo(String date, String machine, String jdk, Map<String, String> libraries, String settings,
      long wallSeconds, String loadAverage, String command, Map<String, String> notes) {
    RunInfo {
      // Sorted, so the report and run.properties list notes in a stable order.
      notes = java.util.Collections.unmodifiableMap(new TreeMap<>(notes));
    }

    RunInfo(String date, String machine, String jdk, Map<String, String> libraries, String settings,
        long wallSeconds, String loadAverage, String command) {
      this(date, machine, jdk, libraries, settings, wallSeconds, loadAverage, command, Map.of());
    }

    /** The same run with one more note, on a workload or a benchmark class. */
    RunInfo withNote(String subject, String note) {
      Map<String, String> more = new TreeMap<>(notes);
      more.put(subject, note);
      return new RunInfo(date, machine, jdk, libraries, settings, wallSeconds, loadAverage, command, more);
    }
  }

  /**
   * Merges a separate run of some workloads into an earlier report's rows: the workloads it measured replace
   * theirs, every other row stays.
   */
  static List<Row> merge(List<Row> earlier, List<Row> separate) {
    java.util.Set<String> measured = new java.util.HashSet<>();
    separate.forEach(r -> measured.add(r.workload()));
    List<Row> out = new ArrayList<>();
    for (Row r : earlier) {
      if (!measured.contains(r.workload())) {
        out.add(r);
      }
    }
    out.addAll(separate);
    return out;
  }

  /**
   * The baseline system for a system: hand-written JDBC with the same predicates; for the dqlite cluster, the same
   * repository on a file.
   */
  static String baselineOf(String system) {
    if (system.equals("dqlite-3node")) {
      return DqliteBenchmarks.FILE;
    }
    return system.equals("sqlitekit-policy") ? "jdbc-scoped" : "jdbc";
  }

  static Row baseline(Row row, List<Row> all) {
    String base = baselineOf(row.system());
    for (Row b : all) {
      if (b.system().equals(base) && b.key().equals(row.key())) {
        return b;
      }
    }
    return null;
  }

  /** Cost ratio of medians to the baseline of the same run; null when the run has no baseline for the row. */
  static Double ratio(Row row, List<Row> all) {
    Row b = baseline(row, all);
    if (b == null) {
      return null;
    }
    return row.throughput() ? b.median() / row.median() : row.median() / b.median();
  }

  /** The ratio's range when this row's fastest and slowest forks meet the baseline's median. */
  static double[] ratioRange(Row row, List<Row> all) {
    Row b = baseline(row, all);
    if (b == null) {
      return null;
    }
    double lo = row.throughput() ? b.median() / row.max() : row.min() / b.median();
    double hi = row.throughput() ? b.median() / row.min() : row.max() / b.median();
    return new double[] {lo, hi};
  }

  private static String fmt(double d) {
    return String.format(Locale.ROOT, "%.3f", d);
  }

  private static String fmt(Double d) {
    return d == null ? "" : fmt(d.doubleValue());
  }

  static String csv(List<Row> rows) {
    StringBuilder sb = new StringBuilder("workload,system,params,unit,mode,median,min,max,ratio_to_raw_jdbc,forks\n");
    for (Row r : rows) {
      StringBuilder forks = new StringBuilder();
      for (double f : r.forks()) {
        forks.append(forks.length() == 0 ? "" : ";").append(String.format(Locale.ROOT, "%.4f", f));
      }
      sb.append(r.workload()).append(',').append(r.system()).append(",\"").append(r.params()).append("\",")
          .append(r.unit()).append(',').append(r.throughput() ? "thrpt" : "avgt").append(',')
          .append(fmt(r.median())).append(',').append(fmt(r.min())).append(',').append(fmt(r.max())).append(',')
          .append(fmt(ratio(r, rows))).append(',').append(forks).append('\n');
    }
    return sb.toString();
  }

  /** Reads rows back from {@link #csv}; params may contain commas, so they are quoted and parsed as such. */
  static List<Row> readCsv(String text) {
    List<Row> rows = new ArrayList<>();
    String[] lines = text.split("\n");
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank()) {
        continue;
      }
      int q1 = line.indexOf(",\"");
      int q2 = line.indexOf("\",", q1 + 2);
      if (q1 < 0 || q2 < 0) {
        throw new IllegalArgumentException("line " + (i + 1) + ": not a results.csv row: " + line);
      }
      String[] head = line.substring(0, q1).split(",", -1);
      String params = line.substring(q1 + 2, q2);
      String[] tail = line.substring(q2 + 2).split(",", -1);
      if (head.length != 2 || tail.length != 7) {
        throw new IllegalArgumentException("line " + (i + 1) + ": expected 10 columns: " + line);
      }
      double[] forks = Arrays.stream(tail[6].split(";")).mapToDouble(Double::parseDouble).toArray();
      rows.add(new Row(head[0], head[1], params, tail[0], tail[1].equals("thrpt"), forks));
    }
    return rows;
  }

  static String json(List<Row> rows) {
    StringBuilder sb = new StringBuilder("[\n");
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      StringBuilder forks = new StringBuilder();
      for (double f : r.forks()) {
        forks.append(forks.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", f));
      }
      Double ratio = ratio(r, rows);
      sb.append(String.format(Locale.ROOT,
          "  {\"workload\": \"%s\", \"system\": \"%s\", \"params\": \"%s\", \"unit\": \"%s\", \"median\": %.4f, "
              + "\"min\": %.4f, \"max\": %.4f, \"forks\": [%s], \"ratio\": %s}%s%n",
          r.workload(), r.system(), r.params(), r.unit(), r.median(), r.min(), r.max(), forks,
          ratio == null ? "null" : fmt(ratio), i + 1 < rows.size() ? "," : ""));
    }
    return sb.append("]\n").toString();
  }

  static Map<String, List<Row>> byWorkload(List<Row> rows) {
    Map<String, List<Row>> out = new LinkedHashMap<>();
    for (Row r : rows) {
      out.computeIfAbsent(r.workload(), k -> new ArrayList<>()).add(r);
    }
    return out;
  }

  static String markdown(List<Row> rows, RunInfo info, Map<String, String> charts) {
    StringBuilder sb = new StringBuilder("# Benchmarks\n\n");
    sb.append("Generated by `").append(info.command()).append("` — do not edit by hand.\n\n");
    sb.append("Ratios are cost relative to hand-written JDBC prepared statements measured in the same run ")
        .append("(for throughput benchmarks the inverse of the throughput ratio), so 1.00 is raw JDBC and lower ")
        .append("is better. Each score is the median of the per-fork means, with the fastest and slowest fork beside ")
        .append("it; *spread* is (max − min) / median across forks, shown for the JDBC baseline too, so a ratio ")
        .append("inside the baseline's own spread is noise. W7 policy reads compare against JDBC with the same ")
        .append("tenant and soft-delete predicates; the D workloads (DqliteBenchmarks) compare the repository on a ")
        .append("3-node dqlite cluster with the same repository on a WAL file (xerial-file).\n\n");
    sb.append("| | |\n|---|---|\n");
    sb.append("| date | ").append(info.date()).append(" |\n");
    sb.append("| machine | ").append(info.machine()).append(" |\n");
    sb.append("| load average (1/5/15 min) | ").append(info.loadAverage()).append(" |\n");
    sb.append("| JDK | ").append(info.jdk()).append(" |\n");
    info.libraries().forEach((k, v) -> sb.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    sb.append("| JMH settings | ").append(info.settings()).append("; wall time ").append(info.wallSeconds())
        .append(" s |\n\n");
    if (!info.notes().isEmpty()) {
      // One line per distinct note: a separate run usually covers several workloads of one class.
      Map<String, List<String>> subjects = new LinkedHashMap<>();
      info.notes().forEach((subject, note) -> subjects.computeIfAbsent(note, k -> new ArrayList<>()).add(subject));
      sb.append("Not measured in the run above:\n\n");
      subjects.forEach((note, names) -> sb.append("- **").append(String.join(", ", names)).append("**: ")
          .append(note).append('\n'));
      sb.append('\n');
    }
    sb.append(MEASURED_CHOICES);
    if (!charts.isEmpty()) {
      sb.append("## Ratio charts\n\n");
      charts.forEach((group, file) -> sb.append("![").append(group).append(" ratios to ")
          .append(baselineName(group, rows)).append("](").append(file)
          .append(")\n\n"));
    }
    for (Map.Entry<String, List<Row>> e : byWorkload(rows).entrySet()) {
      sb.append("## ").append(e.getKey()).append("\n\n");
      String note = info.notes().getOrDefault(e.getKey(), info.notes().get(e.getValue().get(0).group()));
      if (note != null) {
        sb.append('*').append(note).append("*\n\n");
      }
      sb.append("| params | system | median | min | max | spread | unit | ratio |\n")
          .append("|---|---|---:|---:|---:|---:|---|---:|\n");
      for (Row r : e.getValue()) {
        sb.append("| ").append(r.params()).append(" | ").append(r.system()).append(" | ").append(fmt(r.median()))
            .append(" | ").append(fmt(r.min())).append(" | ").append(fmt(r.max())).append(" | ")
            .append(String.format(Locale.ROOT, "%.0f%%", 100 * r.spread())).append(" | ").append(r.unit())
            .append(" | ").append(fmt(ratio(r, rows))).append(" |\n");
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /**
   * Fixed prose on the kit's measured design choices, written into every report (the Markdown is generated, so
   * hand edits would be lost). The numbers are the paired measurements the choices were made on.
   */
  static final String MEASURED_CHOICES = "## Measured choices behind the mixed workloads\n\n"
      + "- **Warm reads after writes.** SQLite drops a connection's page cache when another connection has "
      + "committed since its last read, so reads on separate reader connections start cold after every write. "
      + "The kit's own short reads (`SqliteDriver.readBrief`) therefore run on the writer connection while no "
      + "write runs or waits, guarded read-only (a plain `SELECT` as is, anything else under "
      + "`PRAGMA query_only`), and only while no reader is lent out. Measured on the 80/20 mix, paired in one JVM "
      + "(CPU time per operation, alternating runs): one thread 0.84x the CPU of reads on readers (7 pairs of "
      + "100,000 operations, 0.74-0.90; kit / raw JDBC 1.29x instead of 1.57x by the same measure), 16 threads "
      + "0.86x (5 pairs of 160,000, 0.75-0.97). Taking the writer whenever its lock was free cost 1.34x at 16 "
      + "threads (writers queued behind reads), hence the reader condition.\n"
      + "- **`mmap_size` rejected.** With `mmap_size=268435456` the 80/20 mix ran slower in the same JMH run "
      + "(1 thread 52.6k vs 85.1k ops/s, 16 threads 31.8k vs 60.5k, 2 forks, a loaded machine), so the "
      + "production preset leaves it off; a larger `cache_size` cannot help a cache that is dropped rather than "
      + "evicted (every connection already has 64 MB).\n"
      + "- **One-statement writes.** A delete by key, and an `updateMany`/`deleteMany` without increments, runs as "
      + "one autocommit statement under the writer lock (`SqliteDriver.writeStatement`), without "
      + "`BEGIN IMMEDIATE ... COMMIT`: one statement and a change count. So does an insert that carries its "
      + "key when the database fills none of the columns it omits (asked once per repository from "
      + "`pragma_table_xinfo`): its entity is built from what it binds before the statement runs, so a row that "
      + "cannot be mapped is never written (thread CPU per one-row create 25.5 -> 21.2 us, raw JDBC 19.5 us). "
      + "Updates by key keep their transaction: they return the row SQLite computed, mapping can fail, and SQLite "
      + "commits an autocommit `... RETURNING` statement even when it is reset after its first row, so only a "
      + "transaction lets a mapping failure leave nothing behind. Measured on a raw connection, that contract is "
      + "most of W5's CPU: an autocommit `UPDATE` 5.6 us, with `BEGIN IMMEDIATE`/`COMMIT` 7.7 us, with "
      + "`RETURNING` of the row as well 10.9 us; the kit's update 13.0 us.\n"
      + "- **W5 compares like with like.** Until this run W5 timed the kit's `update(id, ...)`, which returns the "
      + "stored row, against JDBC, jOOQ and JDBI statements that return a change count. W5 is now the count-only "
      + "call on every system (the kit's `updateMany` by id) and W5r the row-returning one (`UPDATE ... RETURNING` "
      + "for the others). Thread CPU per call, alternating in one JVM: count-only kit 5.6 us, JDBC 4.5 us; "
      + "row-returning kit 10.0 us, JDBC 6.9 us (the transaction that guards the mapping is 2.1 us of the gap). "
      + "The mixed workloads' write is the count-only call on every system.\n"
      + "- **Reader pool without a queue order.** The reader pool was a fair blocking queue: each returned "
      + "connection went to the longest waiter, which had to be scheduled before anyone could use it. Thread "
      + "dumps of the 80/20 mix at 16 threads on 2 cores showed 11 of 16 threads in the queue's lock and the "
      + "process at about one core. A returned connection now goes to whichever thread asks first, a thread "
      + "preferring the connection it had last; 16 threads of point reads alone run at raw JDBC's rate "
      + "(493k vs 486k operations/s, 3 rounds).\n"
      + "- **No fair writer lock with group commit.** A fair lock leaves itself idle until the woken waiter runs. "
      + "With group commit (chosen for throughput) the writer lock is not fair: 80/20 mix at 16 threads, 5 "
      + "alternating rounds, 182k operations/s fair vs 201k not (per-write commits: 150k vs 176k, so the "
      + "default keeps its arrival order). A looping writer cannot keep a queued one out: a holder that finds "
      + "writers queued hands its transaction on and waits for the group's commit.\n"
      + "- **One-statement writes never start a group.** Under group commit a one-statement write (W5's "
      + "count-only update, the mixes' write) that found writers queued used to start a group and so wait for "
      + "their commit: two thread hand-offs per write. It now commits on its own unless a group is already open. "
      + "80/20 mix at 16 threads, 8 alternating rounds in one JVM: 198k -> 204k operations/s, CPU per operation "
      + "6.80 -> 5.56 us, context switches per operation 0.193 -> 0.055. A loop of such statements on one thread "
      + "did not keep a queued writer out: its worst wait over 100 writes was 0.3-5.5 ms (3 runs), 2.8-9.4 ms "
      + "before.\n"
      + "- **One-statement writes spin before they queue.** With group commit, such a write spins for up to 25 us "
      + "for the writer lock before it parks. It holds the lock for a few microseconds; waking a parked waiter "
      + "took longer, so under contention the lock sat idle between hand-offs (at 16 threads of the 80/20 mix the "
      + "process used 1.15 of its 2 cores; JFR: 39 s of parking in the writer lock over a 5.5 s run). Own harness, "
      + "4 (or 2) alternating JVM pairs of the old and new jar, each with raw JDBC in the same JVM, third round of "
      + "each: 80/20 at 16 threads 196-211k -> 227-263k operations/s (kit / JDBC 1.17-1.34 -> 1.02-1.08), at 4 "
      + "threads 179-184k -> 258-287k (1.11-1.15 -> 0.64-0.78), 50/50 at 16 threads 157k -> 202-203k (1.06-1.21 -> "
      + "0.86-0.92); one thread unchanged (1.08-1.15 both). Longest single operation per round at 16 threads (80/20): "
      + "28-64 ms before, 32-76 ms after, raw JDBC 56-182 ms. Spinning longer lost again (in one JVM: about 28 us "
      + "235k, 110 us 211k, 450 us 163k), since spinners take the CPU the readers need. Transactions do not spin, so they still queue and group. "
      + "JMH, 80/20 at 16 threads, kit / JDBC with 8x2 s of warm-up, 2 forks, old and new jar twice each: 1.23, "
      + "1.23 before, 1.05, 1.10 after.\n"
      + "- **The mixed workloads warm up for 16 s.** With 2x1 s of warm-up every system's throughput still rose "
      + "from each measured iteration to the next at 16 threads (raw JDBC 170k -> 202k -> 242k operations/s in "
      + "one fork, the kit 125k -> 140k -> 153k): sixteen busy threads on two cores leave the JIT little CPU, "
      + "and the ratios measured a warm-up race (the old code read 1.15-1.17 there, 1.23 at steady state). "
      + "`ConcurrencyBenchmarks` now warms up 8x2 s per fork.\n"
      + "- **Eight readers by default.** With the writer spin in, the 16-thread mixes waited on the reader pool: "
      + "with many threads on two cores a thread holding one of the 4 readers was often descheduled mid-read, and "
      + "the others waited for it. 80/20 at 16 threads, own harness, one JVM, rounds 2-4: 223k operations/s with 4 "
      + "readers, 286k with 8, 325k with 16 (raw JDBC 254k); at 4 threads 261k -> 280k, one thread unchanged. A "
      + "spin before waiting for a reader lost (221k, 8.5 us of CPU per operation instead of 6.1). "
      + "`DriverOptions.defaults()` now opens 8 readers; each keeps its own page cache, so a busy pool may use "
      + "more memory. JMH, this report's mixed rows (both changes, 8x2 s warm-up): kit / JDBC 80/20 at 16 threads "
      + "0.74, at 4 threads 0.72, 50/50 at 16 threads 0.64; the run before the reader change, same settings: "
      + "1.10, 0.86, 0.94.\n"
      + "- **Typed reads.** Numeric columns of a `STRICT` table whose declared type matches are read with "
      + "`getLong`/`getDouble` instead of a storage-class probe; other tables keep the probe. The benchmark "
      + "tables are not STRICT, so these runs do not exercise it. Thread CPU of W6 (1,000 rows of a 100k-row "
      + "table, median of 30 alternating rounds, two runs): not STRICT kit 994/1,010 us vs JDBC 844/851 us "
      + "(1.18/1.19), the same table STRICT kit 895/890 us vs JDBC 844/846 us (1.06/1.05). "
      + "`SqliteKit.builder().strictTables(true)` makes the tables the kit creates STRICT.\n"
      + "- **Parameters cleared only for text and blobs.** With sqlite-jdbc 3.54, `clearParameters` "
      + "(`sqlite3_clear_bindings`) expires a statement whose plan depends on a bound value, and its next run "
      + "compiles the SQL again. The statement cache used to clear every call's parameters, so the W4 keyset page "
      + "(a range on an indexed column) was compiled on every call: thread CPU per page 43.8 us, 34.0 us without "
      + "it, raw JDBC 24.4 us in the same JVM (median of 16 alternating rounds of 5,000 pages). The cache now "
      + "clears only after a call that bound text or a blob. The same kit code on sqlite-jdbc 3.50.3 costs 35.0 us "
      + "against JDBC's 33.0 us: on this query the JDBC baseline got faster with 3.54, the kit did not get "
      + "slower.\n"
      + "- **No SQLite mutex per call.** The xerial driver opens its connections with `SQLITE_OPEN_NOMUTEX`: "
      + "sqlite-jdbc already serializes a connection's native calls on a Java monitor, and the driver never "
      + "lends one connection to two threads at once, so SQLite's own lock only added a lock/unlock pair to every "
      + "column read. Thread CPU per W4 page 34.0 -> 29.8 us, per W2 point read 7.12 -> 6.59 us. The raw JDBC "
      + "baseline keeps sqlite-jdbc's default (serialized) mode, as hand-written code usually does; with the "
      + "flag, a raw 20-row page loop measured 23.1 -> 20.4 us, so part of this gain is open to any JDBC user.\n\n";

  private static final String[] PALETTE = {"#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2"};
  /** Bars longer than this are clipped and labelled, so one outlier does not flatten the rest. */
  private static final double AXIS_MAX = 3.0;

  /**
   * Renders one horizontal bar chart of ratios for a benchmark class: a bar per non-baseline system and
   * workload/params, a whisker over the fork range, and the raw-JDBC line at 1.0.
   */
  static String svg(String group, List<Row> all) {
    List<Row> bars = new ArrayList<>();
    List<String> systems = new ArrayList<>();
    for (Row r : all) {
      if (r.group().equals(group) && ratio(r, all) != null && !r.system().equals(baselineOf(r.system()))) {
        bars.add(r);
        if (!systems.contains(r.system())) {
          systems.add(r.system());
        }
      }
    }
    int labelWidth = 330;
    int plotWidth = 480;
    int barHeight = 14;
    int gap = 4;
    int top = 40;
    int height = top + bars.size() * (barHeight + gap) + 40;
    int width = labelWidth + plotWidth + 70;
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n", width, height, width, height));
    String base = baselineName(group, all);
    sb.append(String.format(Locale.ROOT, "<title>%s: cost relative to %s (lower is better)</title>%n",
        xml(group), xml(base)));
    sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    sb.append(String.format(Locale.ROOT, "<text x=\"8\" y=\"18\" font-size=\"13\" font-weight=\"bold\">%s — cost "
        + "relative to %s (1.0), lower is better</text>%n", xml(group), xml(base)));
    for (int i = 0; i < systems.size(); i++) {
      int x = labelWidth + i * 110;
      sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"24\" width=\"10\" height=\"10\" fill=\"%s\"/>"
          + "<text x=\"%d\" y=\"33\">%s</text>%n", x, PALETTE[i % PALETTE.length], x + 14, xml(systems.get(i))));
    }
    double scale = plotWidth / AXIS_MAX;
    for (double t = 0; t <= AXIS_MAX + 1e-9; t += 0.5) {
      int x = labelWidth + (int) Math.round(t * scale);
      sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"/>"
          + "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%.1f</text>%n", x, top - 2, x,
          height - 30, "#ddd", x, height - 16, t));
    }
    int y = top;
    for (Row r : bars) {
      double ratio = ratio(r, all);
      double[] range = ratioRange(r, all);
      String color = PALETTE[systems.indexOf(r.system()) % PALETTE.length];
      String label = r.workload().substring(r.workload().indexOf('.') + 1)
          + (r.params().equals("{}") ? "" : " " + r.params()) + " · " + r.system();
      sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
          labelWidth - 6, y + barHeight - 3, xml(label)));
      int w = (int) Math.round(Math.min(ratio, AXIS_MAX) * scale);
      sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\">"
          + "<title>%s: %.3f (forks %.3f–%.3f)</title></rect>%n", labelWidth, y, w, barHeight, color, xml(label),
          ratio, range[0], range[1]));
      int x1 = labelWidth + (int) Math.round(Math.min(range[0], AXIS_MAX) * scale);
      int x2 = labelWidth + (int) Math.round(Math.min(range[1], AXIS_MAX) * scale);
      int mid = y + barHeight / 2;
      sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n",
          x1, mid, x2, mid));
      sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%.2f%s</text>%n",
          labelWidth + Math.max(w, x2 - labelWidth) + 4, y + barHeight - 3, ratio, ratio > AXIS_MAX ? " ▶" : ""));
      y += barHeight + gap;
    }
    // Drawn last so the raw-JDBC line stays visible across the bars.
    int one = labelWidth + (int) Math.round(scale);
    sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\" "
        + "stroke-dasharray=\"4 2\"/>%n", one, top - 2, one, height - 30));
    return sb.append("</svg>\n").toString();
  }

  /** What a benchmark class's ratios are relative to: raw JDBC, or the baseline system its rows name. */
  static String baselineName(String group, List<Row> rows) {
    for (Row r : rows) {
      String base = baselineOf(r.system());
      if (r.group().equals(group) && !base.equals("jdbc") && !base.equals(r.system())) {
        return base;
      }
    }
    return "raw JDBC";
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  /**
   * Writes every artifact: CSV and JSON into {@code out}, the Markdown report at {@code docs}, charts next to it
   * in {@code benchmarks/}.
   */
  static void write(List<Row> rows, RunInfo info, Path out, Path docs) throws IOException {
    Files.createDirectories(out);
    Files.writeString(out.resolve("results.csv"), csv(rows), StandardCharsets.UTF_8);
    Files.writeString(out.resolve("results.json"), json(rows), StandardCharsets.UTF_8);
    Path docsDir = docs.toAbsolutePath().getParent();
    Path chartDir = docsDir.resolve("benchmarks");
    Files.createDirectories(chartDir);
    Map<String, String> charts = new LinkedHashMap<>();
    for (Row r : rows) {
      if (!charts.containsKey(r.group()) && ratio(r, rows) != null && !r.system().equals(baselineOf(r.system()))) {
        String file = "benchmarks/" + r.group() + ".svg";
        Files.writeString(docsDir.resolve(file), svg(r.group(), rows), StandardCharsets.UTF_8);
        charts.put(r.group(), file);
      }
    }
    Files.writeString(docs, markdown(rows, info, charts), StandardCharsets.UTF_8);
  }
}
