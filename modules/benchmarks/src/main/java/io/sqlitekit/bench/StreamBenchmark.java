package io.sqlitekit.bench;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** Streams 1,000,000 rows in a JVM with a 64 MB heap: proves constant memory and measures the cost. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {StreamBenchmark.HEAP})
public class StreamBenchmark {
  static final int ROWS = 1_000_000;
  static final String HEAP = "-Xmx64m";

  @Param({"jdbc", "sqlitekit"})
  public String system;

  private Path file;
  private UserStore store;

  @Setup(Level.Trial)
  public void setUp() {
    // The claim is constant memory: refuse to measure in a JVM that was given a bigger heap.
    long max = Runtime.getRuntime().maxMemory();
    if (max > 80L << 20) {
      throw new IllegalStateException("StreamBenchmark must run with " + HEAP + ", this JVM has " + (max >> 20) + " MB");
    }
    file = BenchDatabase.create(ROWS);
    store = Systems.open(system, file);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    store.close();
    BenchDatabase.delete(file);
  }

  /** Every row, mapped, counted. */
  @Benchmark
  public long streamMillion() {
    long n = store.streamAll();
    if (n != ROWS) {
      throw new IllegalStateException("streamed " + n + " rows, expected " + ROWS);
    }
    return n;
  }
}
