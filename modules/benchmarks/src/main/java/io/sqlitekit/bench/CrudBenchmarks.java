package io.sqlitekit.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
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

/** W2 point read, W5 update by id, W6 findAll of 1,000 rows: every system on one 100k-row WAL file. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CrudBenchmarks {
  static final int ROWS = 100_000;

  @Param({"jdbc", "sqlitekit", "jooq", "jdbi"})
  public String system;

  private Path file;
  private UserStore store;
  private Random random;
  private long renames;

  @Setup(Level.Trial)
  public void setUp() {
    file = BenchDatabase.create(ROWS);
    store = Systems.open(system, file);
    random = new Random(42);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    store.close();
    BenchDatabase.delete(file);
  }

  /** W2: point read by a random primary key, mapped to a record. */
  @Benchmark
  public BenchUser w2PointRead() {
    return store.getById(BenchDatabase.randomId(random, ROWS));
  }

  /** W5: update one row by id. */
  @Benchmark
  public int w5UpdateById() {
    return store.rename(BenchDatabase.randomId(random, ROWS), "renamed-" + (renames++ & 1023));
  }

  /** W5r: update one row by id and get the stored row back (kit: {@code update(id, …)}; SQL: RETURNING). */
  @Benchmark
  public BenchUser w5rUpdateByIdReturning() {
    return store.renameReturning(BenchDatabase.randomId(random, ROWS), "renamed-" + (renames++ & 1023));
  }

  /** W6: 1,000 consecutive rows by an id range, mapped to records. */
  @Benchmark
  public List<BenchUser> w6FindAll1000() {
    return store.findRange(1 + random.nextInt(ROWS - 1000), 1000);
  }
}
