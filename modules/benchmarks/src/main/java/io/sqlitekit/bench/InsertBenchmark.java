package io.sqlitekit.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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

/**
 * W1: insert 10,000 rows in one transaction. Before every invocation (outside the measurement) the rows of the
 * previous one are deleted and the WAL is checkpointed, so every system inserts into the same one-row table:
 * otherwise the faster system, running more invocations per iteration, grows a bigger table and is measured
 * against heavier index maintenance.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class InsertBenchmark {
  static final int BATCH = 10_000;

  @Param({"jdbc", "sqlitekit", "jooq", "jdbi"})
  public String system;

  private Path file;
  private UserStore store;
  private Connection reset;
  private long nextId;
  private List<BenchUser> batch;

  @Setup(Level.Trial)
  public void setUp() {
    file = BenchDatabase.create(1);
    store = Systems.open(system, file);
    nextId = 2;
    try {
      reset = BenchDatabase.open(file);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Builds the next 10,000 users outside the measured region. */
  @Setup(Level.Invocation)
  public void nextBatch() {
    try (Statement st = reset.createStatement()) {
      st.execute("DELETE FROM users WHERE id > 1");
      st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    batch = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      batch.add(BenchDatabase.user(nextId++));
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    try {
      reset.close();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    store.close();
    BenchDatabase.delete(file);
  }

  /** W1. */
  @Benchmark
  public void w1Insert10k() {
    store.insertAll(batch);
  }
}
