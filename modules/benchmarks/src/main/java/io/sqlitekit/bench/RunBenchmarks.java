package io.sqlitekit.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole suite with settings that fit in about ten minutes on two cores, then writes
 * {@code <out>/results.csv}, {@code <out>/results.json} and {@code docs/BENCHMARKS.md}. Every score is reported
 * with its ratio to raw JDBC measured in the same run (time ratio: above 1 means slower than raw JDBC).
 *
 * <p>Usage: {@code java -cp modules/benchmarks/target/benchmarks.jar io.sqlitekit.bench.RunBenchmarks
 * [--include REGEX] [--out DIR] [--docs FILE] [--quick]}.
 */
public final class RunBenchmarks {
  private static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

  private RunBenchmarks() {
  }

  /** One measured score. */
  record Row(String workload, String system, String params, double score, double error, String unit,
      boolean throughput) {
    String key() {
      return workload + "|" + params;
    }
  }

  /**
   * Entry point.
   *
   * @param args see the class documentation
   * @throws RunnerException if JMH fails
   * @throws IOException if a result file cannot be written
   */
  public static void main(String[] args) throws RunnerException, IOException {
    String include = "io.sqlitekit.bench.*";
    Path out = Path.of("modules/benchmarks/results");
    Path docs = Path.of("docs/BENCHMARKS.md");
    boolean quick = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--include":
          include = args[++i];
          break;
        case "--out":
          out = Path.of(args[++i]);
          break;
        case "--docs":
          docs = Path.of(args[++i]);
          break;
        case "--quick":
          quick = true;
          break;
        default:
          throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    long start = System.nanoTime();
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    // Every fork gets the same fixed, pre-touched heap: with a large default heap and no collection during a run,
    // an allocating system pays first-touch page faults that a frugal one does not, which measured the OS, not
    // the library (W1 swung between 45 and 146 ms/op). The streaming benchmark runs apart with its small heap,
    // since JMH lets these options replace a benchmark's own @Fork JVM arguments.
    List<RunResult> results = new ArrayList<>(run(options(include, quick)
        .exclude(StreamBenchmark.class.getSimpleName())
        .jvmArgsAppend(NATIVE_ACCESS, "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch")));
    results.addAll(run(options("^(?=.*" + StreamBenchmark.class.getSimpleName() + ")(?=.*(?:" + include + "))", quick)
        .jvmArgsAppend(NATIVE_ACCESS, StreamBenchmark.HEAP)));
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    loadAverages = new double[] {loadBefore, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()};
    List<Row> rows = new ArrayList<>();
    for (RunResult r : results) {
      BenchmarkResult b = r.getAggregatedResult();
      String label = r.getParams().getBenchmark();
      String workload = label.substring(label.lastIndexOf('.', label.lastIndexOf('.') - 1) + 1);
      Map<String, String> params = new TreeMap<>();
      for (String k : r.getParams().getParamsKeys()) {
        if (!k.equals("system")) {
          params.put(k, r.getParams().getParam(k));
        }
      }
      String system = r.getParams().getParam("system");
      rows.add(new Row(workload, system, params.toString(), b.getPrimaryResult().getScore(),
          b.getPrimaryResult().getScoreError(), b.getPrimaryResult().getScoreUnit(),
          r.getParams().getMode() == org.openjdk.jmh.annotations.Mode.Throughput));
    }
    Files.createDirectories(out);
    Files.writeString(out.resolve("results.csv"), csv(rows), StandardCharsets.UTF_8);
    Files.writeString(out.resolve("results.json"), json(rows), StandardCharsets.UTF_8);
    if (docs.getParent() != null) {
      Files.createDirectories(docs.getParent());
    }
    Files.writeString(docs, markdown(rows, seconds, quick), StandardCharsets.UTF_8);
    System.out.printf(Locale.ROOT, "wrote %s, %s and %s (%d results, %d s)%n", out.resolve("results.csv"),
        out.resolve("results.json"), docs, rows.size(), seconds);
  }

  /** The baseline system for a system: hand-written JDBC with the same predicates. */
  static String baselineOf(String system) {
    if (system.equals("dqlite-3node")) {
      // The cluster is compared with the same repository on a file, not with hand-written JDBC.
      return DqliteBenchmarks.FILE;
    }
    return system.equals("sqlitekit-policy") ? "jdbc-scoped" : "jdbc";
  }

  static Double ratio(Row row, List<Row> all) {
    String base = baselineOf(row.system());
    for (Row b : all) {
      if (b.system().equals(base) && b.key().equals(row.key())) {
        return row.throughput() ? b.score() / row.score() : row.score() / b.score();
      }
    }
    return null;
  }

  private static String fmt(Double d) {
    return d == null ? "" : String.format(Locale.ROOT, "%.3f", d);
  }

  static String csv(List<Row> rows) {
    StringBuilder sb = new StringBuilder("workload,system,params,score,error,unit,ratio_to_raw_jdbc\n");
    for (Row r : rows) {
      sb.append(r.workload()).append(',').append(r.system()).append(",\"").append(r.params()).append("\",")
          .append(fmt(r.score())).append(',').append(fmt(r.error())).append(',').append(r.unit()).append(',')
          .append(fmt(ratio(r, rows))).append('\n');
    }
    return sb.toString();
  }

  static String json(List<Row> rows) {
    StringBuilder sb = new StringBuilder("[\n");
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      Double ratio = ratio(r, rows);
      sb.append(String.format(Locale.ROOT,
          "  {\"workload\": \"%s\", \"system\": \"%s\", \"params\": \"%s\", \"score\": %.4f, \"error\": %.4f, "
              + "\"unit\": \"%s\", \"ratio\": %s}%s%n",
          r.workload(), r.system(), r.params(), r.score(), Double.isNaN(r.error()) ? 0 : r.error(), r.unit(),
          ratio == null ? "null" : fmt(ratio), i + 1 < rows.size() ? "," : ""));
    }
    return sb.append("]\n").toString();
  }

  /** The 1-minute load average when the run started and when it ended (negative where unknown). */
  private static double[] loadAverages = {-1, -1};

  static String markdown(List<Row> rows, long seconds, boolean quick) {
    StringBuilder sb = new StringBuilder("# Benchmarks\n\n");
    sb.append("Generated by `").append("java -cp modules/benchmarks/target/benchmarks.jar io.sqlitekit.bench.RunBenchmarks")
        .append(quick ? " --quick" : "").append("` — do not edit by hand.\n\n");
    sb.append("Ratios are cost relative to hand-written JDBC prepared statements measured in the same run ")
        .append("(for throughput benchmarks the inverse of the throughput ratio), so 1.00 is raw JDBC and lower ")
        .append("is better. W7 policy reads compare against JDBC with the same tenant and soft-delete predicates; ")
        .append("the D workloads (DqliteBenchmarks) compare the repository on a 3-node dqlite cluster with the same ")
        .append("repository on a WAL file (xerial-file).\n\n");
    Runtime rt = Runtime.getRuntime();
    sb.append("| | |\n|---|---|\n");
    sb.append("| date | ").append(LocalDate.now(ZoneOffset.UTC)).append(" |\n");
    sb.append("| machine | ").append(rt.availableProcessors()).append(" cores, ")
        .append(memoryGib()).append(" GiB, ").append(System.getProperty("os.name")).append(' ')
        .append(System.getProperty("os.arch")).append(" |\n");
    sb.append("| JDK | ").append(System.getProperty("java.vm.name")).append(' ')
        .append(System.getProperty("java.version")).append(" |\n");
    sb.append("| sqlite-jdbc | ").append(version("org.xerial", "sqlite-jdbc")).append(" |\n");
    sb.append("| jOOQ | ").append(org.jooq.Constants.FULL_VERSION).append(" (open source, SQLite dialect) |\n");
    sb.append("| JDBI | ").append(version("org.jdbi", "jdbi3-core")).append(" |\n");
    sb.append("| JMH settings | 1 fork, ").append(quick ? "1×1 s warm-up, 1×1 s" : "2×1 s warm-up, 3×2 s")
        .append(" measurement; fixed 1 GiB pre-touched heap (streaming: ").append(StreamBenchmark.HEAP)
        .append("); wall time ").append(seconds).append(" s |\n");
    // A shared machine's load moves the absolute numbers (and the ratios less so): recorded with the results.
    sb.append(String.format(Locale.ROOT, "| load average (1 min) | %.2f at start, %.2f at end |%n%n", loadAverages[0],
        loadAverages[1]));
    Map<String, List<Row>> byWorkload = new LinkedHashMap<>();
    for (Row r : rows) {
      byWorkload.computeIfAbsent(r.workload(), k -> new ArrayList<>()).add(r);
    }
    for (Map.Entry<String, List<Row>> e : byWorkload.entrySet()) {
      sb.append("## ").append(e.getKey()).append("\n\n| params | system | score | error | unit | ratio |\n")
          .append("|---|---|---:|---:|---|---:|\n");
      for (Row r : e.getValue()) {
        sb.append("| ").append(r.params()).append(" | ").append(r.system()).append(" | ").append(fmt(r.score()))
            .append(" | ").append(fmt(r.error())).append(" | ").append(r.unit()).append(" | ")
            .append(fmt(ratio(r, rows))).append(" |\n");
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String memoryGib() {
    try {
      com.sun.management.OperatingSystemMXBean os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      return String.format(Locale.ROOT, "%.0f", os.getTotalMemorySize() / (1024.0 * 1024 * 1024));
    } catch (ClassCastException | UnsupportedOperationException e) {
      return "?";
    }
  }

  private static ChainedOptionsBuilder options(String include, boolean quick) {
    return new OptionsBuilder().include(include).forks(1)
        .warmupIterations(quick ? 1 : 2).warmupTime(TimeValue.seconds(1))
        .measurementIterations(quick ? 1 : 3).measurementTime(TimeValue.seconds(quick ? 1 : 2))
        .shouldFailOnError(true);
  }

  /** Runs one pass; a pass that the include pattern leaves empty yields nothing. */
  private static Collection<RunResult> run(ChainedOptionsBuilder opts) throws RunnerException {
    try {
      return new Runner(opts.build()).run();
    } catch (NoBenchmarksException e) {
      return List.of();
    }
  }

  /** The artifact version from the Maven metadata that the shaded jar keeps (jar manifests are merged away). */
  private static String version(String groupId, String artifactId) {
    String resource = "/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
    try (InputStream in = RunBenchmarks.class.getResourceAsStream(resource)) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
