package io.sqlitekit.bench;

import io.sqlitekit.testsupport.DqliteCluster;
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
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the suite, then writes {@code <out>/results.csv}, {@code <out>/results.json}, {@code <out>/run.properties},
 * {@code docs/BENCHMARKS.md} and its SVG charts (see {@link BenchReport}). Every score is reported with its ratio
 * to raw JDBC measured in the same run (time ratio: above 1 means slower than raw JDBC).
 *
 * <p>The headline workloads (single calls, the mixed read/write mix, the second keyset page) run in
 * {@code --forks} JVMs (default 3) so the report can give a median with the fastest and slowest fork; the
 * size sweeps and the streaming run use one fork. Every fork warms up 2×1 s and measures 3×2 s, except the mixed
 * workloads ({@link ConcurrencyBenchmarks}), which warm up 8×2 s: with sixteen threads on two cores the JIT needs
 * that long before throughput stops rising.
 *
 * <p>{@link DqliteBenchmarks} starts and stops its own 3-node cluster; when go-dqlite is missing and cannot be
 * installed, the run prints {@code SKIPPED DqliteBenchmarks: <reason>}, leaves the class out and the report says
 * so. A run with {@code --include} measures only the classes it selects and merges them into the last report
 * (their rows replaced, every other row kept, the report noting when and under what load they were measured).
 *
 * <p>Usage: {@code java -cp modules/benchmarks/target/benchmarks.jar io.sqlitekit.bench.RunBenchmarks
 * [--include REGEX] [--forks N] [--out DIR] [--docs FILE] [--quick] [--render]}; {@code --render} re-renders the
 * report from {@code <out>/results.csv} and {@code run.properties} without measuring.
 */
public final class RunBenchmarks {
  private static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";
  /** Workloads the performance targets are stated for; they get several forks. */
  static final String HEADLINE = "ConcurrencyBenchmarks|CrudBenchmarks|InsertBenchmark|w4KeysetSecondPage";
  /** The mixed workloads, which need a longer warm-up than the others. */
  private static final String CONCURRENT = "ConcurrencyBenchmarks";
  private static final int CONCURRENT_WARMUPS = 8;
  private static final String COMMAND = "java -cp modules/benchmarks/target/benchmarks.jar io.sqlitekit.bench.RunBenchmarks";

  private RunBenchmarks() {
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
    boolean separate = false;
    Path out = Path.of("modules/benchmarks/results");
    Path docs = Path.of("docs/BENCHMARKS.md");
    boolean quick = false;
    boolean render = false;
    int forks = 3;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--include":
          include = args[++i];
          separate = true;
          break;
        case "--out":
          out = Path.of(args[++i]);
          break;
        case "--docs":
          docs = Path.of(args[++i]);
          break;
        case "--forks":
          forks = Integer.parseInt(args[++i]);
          if (forks < 1) {
            throw new IllegalArgumentException("--forks must be at least 1");
          }
          break;
        case "--quick":
          quick = true;
          break;
        case "--render":
          render = true;
          break;
        default:
          throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (render) {
      List<BenchReport.Row> rows = BenchReport.readCsv(Files.readString(out.resolve("results.csv")));
      BenchReport.write(rows, readInfo(out.resolve("run.properties")), out, docs);
      System.out.printf(Locale.ROOT, "re-rendered %s from %s (%d results)%n", docs, out, rows.size());
      return;
    }
    if (quick) {
      forks = 1;
    }
    Map<String, String> skipped = skips(include);
    String loadBefore = loadAverage();
    long start = System.nanoTime();
    // Every fork gets the same fixed, pre-touched heap: with a large default heap and no collection during a run,
    // an allocating system pays first-touch page faults that a frugal one does not, which measured the OS, not
    // the library (W1 swung between 45 and 146 ms/op). The streaming benchmark runs apart with its small heap,
    // since JMH lets these options replace a benchmark's own @Fork JVM arguments.
    String[] heap = {NATIVE_ACCESS, "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"};
    String stream = StreamBenchmark.class.getSimpleName();
    List<RunResult> results = new ArrayList<>(run(options(both(HEADLINE, include), quick, forks, skipped)
        .exclude(CONCURRENT).jvmArgsAppend(heap)));
    // Sixteen busy threads on two cores leave the JIT little CPU: with 2 s of warm-up every system's throughput
    // still rose from one measured iteration to the next (raw JDBC 170k -> 242k operations/s in one fork).
    results.addAll(run(options(both(CONCURRENT, include), quick, forks, skipped)
        .warmupIterations(quick ? 1 : CONCURRENT_WARMUPS).warmupTime(TimeValue.seconds(quick ? 1 : 2))
        .jvmArgsAppend(heap)));
    results.addAll(run(options(include, quick, 1, skipped).exclude(HEADLINE).exclude(stream).jvmArgsAppend(heap)));
    results.addAll(run(options(both(stream, include), quick, 1, skipped)
        .jvmArgsAppend(NATIVE_ACCESS, StreamBenchmark.HEAP)));
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    List<BenchReport.Row> rows = new ArrayList<>();
    for (RunResult r : results) {
      String label = r.getParams().getBenchmark();
      String workload = label.substring(label.lastIndexOf('.', label.lastIndexOf('.') - 1) + 1);
      Map<String, String> params = new TreeMap<>();
      for (String k : r.getParams().getParamsKeys()) {
        if (!k.equals("system")) {
          params.put(k, r.getParams().getParam(k));
        }
      }
      double[] perFork = r.getBenchmarkResults().stream().mapToDouble(b -> b.getPrimaryResult().getScore()).toArray();
      rows.add(new BenchReport.Row(workload, r.getParams().getParam("system"), params.toString(),
          r.getAggregatedResult().getPrimaryResult().getScoreUnit(),
          r.getParams().getMode() == org.openjdk.jmh.annotations.Mode.Throughput, perFork));
    }
    Runtime rt = Runtime.getRuntime();
    Map<String, String> libraries = new LinkedHashMap<>();
    libraries.put("sqlite-jdbc", version("org.xerial", "sqlite-jdbc"));
    libraries.put("jOOQ", org.jooq.Constants.FULL_VERSION + " (open source, SQLite dialect)");
    libraries.put("JDBI", version("org.jdbi", "jdbi3-core"));
    BenchReport.RunInfo info = new BenchReport.RunInfo(LocalDate.now(ZoneOffset.UTC).toString(),
        rt.availableProcessors() + " cores, " + memoryGib() + " GiB, " + System.getProperty("os.name") + " "
            + System.getProperty("os.arch"),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), libraries,
        String.format(Locale.ROOT, "%s; headline workloads (%s) %d fork%s, the others 1; fixed 1 GiB pre-touched "
            + "heap (streaming: %s)", quick ? "1×1 s warm-up, 1×1 s measurement" : "2×1 s warm-up (the mixed workloads "
            + CONCURRENT_WARMUPS + "×2 s), 3×2 s measurement",
            HEADLINE.replace("|", ", "), forks, forks == 1 ? "" : "s", StreamBenchmark.HEAP),
        seconds, "start " + loadBefore + " · end " + loadAverage(),
        COMMAND + (quick ? " --quick" : "") + (forks != 3 && !quick ? " --forks " + forks : "")
            + (separate ? " --include '" + include + "'" : ""));
    if (separate && Files.exists(out.resolve("results.csv")) && Files.exists(out.resolve("run.properties"))) {
      // A run of some classes only: it replaces their rows in the last report, which keeps everything else, and
      // the report says when and under what load these classes were measured.
      if (rows.isEmpty()) {
        System.out.printf(Locale.ROOT, "nothing measured; %s left unchanged%n", docs);
        return;
      }
      List<BenchReport.Row> earlier = BenchReport.readCsv(Files.readString(out.resolve("results.csv")));
      BenchReport.RunInfo merged = readInfo(out.resolve("run.properties"));
      // Machine, JDK and settings only where they differ from the header's.
      StringBuilder note = new StringBuilder("measured separately on ").append(info.date()).append(", load average ")
          .append(info.loadAverage());
      for (String[] f : new String[][] {{info.machine(), merged.machine()}, {info.jdk(), merged.jdk()},
          {info.settings(), merged.settings()}}) {
        if (!f[0].equals(f[1])) {
          note.append("; ").append(f[0]);
        }
      }
      note.append(", by `").append(info.command()).append('`');
      for (BenchReport.Row r : rows) {
        merged = merged.withNote(r.workload(), note.toString());
      }
      for (Map.Entry<String, String> e : skipped.entrySet()) {
        if (earlier.stream().noneMatch(r -> r.group().equals(e.getKey()))) {
          merged = merged.withNote(e.getKey(), e.getValue());
        }
      }
      rows = BenchReport.merge(earlier, rows);
      info = merged;
    } else {
      for (Map.Entry<String, String> e : skipped.entrySet()) {
        info = info.withNote(e.getKey(), e.getValue());
      }
    }
    BenchReport.write(rows, info, out, docs);
    writeInfo(info, out.resolve("run.properties"));
    System.out.printf(Locale.ROOT, "wrote %s, %s and %s (%d results, %d s)%n", out.resolve("results.csv"),
        out.resolve("results.json"), docs, rows.size(), seconds);
  }

  /**
   * The benchmark classes the include pattern selects that cannot run here, with the reason, each announced on
   * a visible line: DqliteBenchmarks needs go-dqlite's {@code dqlite-demo}, which is installed when missing if
   * this user may.
   */
  private static Map<String, String> skips(String include) {
    Map<String, String> skipped = new TreeMap<>();
    String dqlite = DqliteBenchmarks.class.getSimpleName();
    if (java.util.regex.Pattern.compile(include).matcher(DqliteBenchmarks.class.getName() + ".d1PointRead").find()) {
      String missing;
      try {
        missing = DqliteCluster.installIfMissing();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        missing = "interrupted while installing go-dqlite";
      } catch (IOException e) {
        missing = "go-dqlite is missing and could not be installed: " + e.getMessage();
      }
      if (missing != null) {
        System.out.println("SKIPPED " + dqlite + ": " + missing);
        skipped.put(dqlite, "skipped: " + missing);
      }
    }
    return skipped;
  }

  /** A JMH include pattern matching benchmarks that match both patterns. */
  private static String both(String a, String b) {
    return "^(?=.*(?:" + a + "))(?=.*(?:" + b + "))";
  }

  /** The 1, 5 and 15 minute load averages, so a report says how busy the machine was. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " / " + f[1] + " / " + f[2];
    } catch (IOException | RuntimeException e) {
      double one = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      return one < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f (1 min)", one);
    }
  }

  private static void writeInfo(BenchReport.RunInfo info, Path file) throws IOException {
    Properties p = new Properties();
    p.setProperty("date", info.date());
    p.setProperty("machine", info.machine());
    p.setProperty("jdk", info.jdk());
    p.setProperty("settings", info.settings());
    p.setProperty("wallSeconds", Long.toString(info.wallSeconds()));
    p.setProperty("loadAverage", info.loadAverage());
    p.setProperty("command", info.command());
    info.libraries().forEach((k, v) -> p.setProperty("library." + k, v));
    info.notes().forEach((k, v) -> p.setProperty("note." + k, v));
    try (var w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      p.store(w, "how results.csv was measured; read by RunBenchmarks --render");
    }
  }

  private static BenchReport.RunInfo readInfo(Path file) throws IOException {
    Properties p = new Properties();
    try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    Map<String, String> libraries = new TreeMap<>();
    Map<String, String> notes = new TreeMap<>();
    for (String k : p.stringPropertyNames()) {
      if (k.startsWith("library.")) {
        libraries.put(k.substring("library.".length()), p.getProperty(k));
      } else if (k.startsWith("note.")) {
        notes.put(k.substring("note.".length()), p.getProperty(k));
      }
    }
    return new BenchReport.RunInfo(p.getProperty("date", "?"), p.getProperty("machine", "?"),
        p.getProperty("jdk", "?"), libraries, p.getProperty("settings", "?"),
        Long.parseLong(p.getProperty("wallSeconds", "0")), p.getProperty("loadAverage", "unknown"),
        p.getProperty("command", COMMAND), notes);
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

  private static ChainedOptionsBuilder options(String include, boolean quick, int forks, Map<String, String> skipped) {
    ChainedOptionsBuilder o = new OptionsBuilder().include(include);
    skipped.keySet().forEach(o::exclude);
    return o.forks(forks)
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
