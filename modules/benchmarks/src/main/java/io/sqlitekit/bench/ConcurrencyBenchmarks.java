package io.sqlitekit.bench;

import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * 80/20 read/write mix at 1, 4 and 16 threads, and a write-heavy 50/50 mix at 1 and 16 threads. sqlitekit shares one kit (its writer lock and reader pool); raw
 * JDBC gives every thread its own connection and relies on busy_timeout, as hand-written code would.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ConcurrencyBenchmarks {
  static final int ROWS = 100_000;

  /** The shared database and, for sqlitekit, the shared store. */
  @State(Scope.Benchmark)
  public static class Shared {
    /** sqlitekit-nogc: the kit with {@code DriverOptions.groupCommit} turned off (the opt-out). */
    @Param({"jdbc", "sqlitekit", "sqlitekit-nogc"})
    public String system;

    Path file;
    UserStore shared;

    @Setup(Level.Trial)
    public void setUp() {
      file = BenchDatabase.create(ROWS);
      if (!system.equals("jdbc")) {
        shared = Systems.open(system, file);
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      if (shared != null) {
        shared.close();
      }
      BenchDatabase.delete(file);
    }
  }

  /** Per-thread connection (raw JDBC) and random source. */
  @State(Scope.Thread)
  public static class PerThread {
    UserStore own;
    SplittableRandom random;

    @Setup(Level.Trial)
    public void setUp(Shared s) {
      random = new SplittableRandom(Thread.currentThread().getId());
      own = s.shared == null ? new JdbcStore(s.file) : null;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      if (own != null) {
        own.close();
      }
    }

    UserStore store(Shared s) {
      return own != null ? own : s.shared;
    }
  }

  private static Object mixed(Shared s, PerThread t, int readsInTen) {
    long id = 1 + t.random.nextInt(ROWS);
    if (t.random.nextInt(10) < readsInTen) {
      return t.store(s).getById(id);
    }
    return t.store(s).rename(id, "w" + (id & 255));
  }

  /** One thread. */
  @Benchmark
  @Threads(1)
  public Object mixed80x20Threads1(Shared s, PerThread t) {
    return mixed(s, t, 8);
  }

  /** Four threads. */
  @Benchmark
  @Threads(4)
  public Object mixed80x20Threads4(Shared s, PerThread t) {
    return mixed(s, t, 8);
  }

  /** Sixteen threads. */
  @Benchmark
  @Threads(16)
  public Object mixed80x20Threads16(Shared s, PerThread t) {
    return mixed(s, t, 8);
  }

  /** Half reads, half writes, one thread. */
  @Benchmark
  @Threads(1)
  public Object mixed50x50Threads1(Shared s, PerThread t) {
    return mixed(s, t, 5);
  }

  /** Half reads, half writes, sixteen threads. */
  @Benchmark
  @Threads(16)
  public Object mixed50x50Threads16(Shared s, PerThread t) {
    return mixed(s, t, 5);
  }
}
