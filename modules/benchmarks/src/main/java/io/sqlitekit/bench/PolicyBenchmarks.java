package io.sqlitekit.bench;

import java.nio.file.Path;
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

/**
 * W7: the W2 point read with the cache plugin, and with multi-tenant + soft-delete active (the cost of policy).
 * The policy baseline is raw JDBC with the same predicates written by hand ({@code jdbc-scoped}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PolicyBenchmarks {
  static final int ROWS = 100_000;

  @Param({"jdbc", "jdbc-scoped", "sqlitekit", "sqlitekit-cache", "sqlitekit-policy"})
  public String system;

  private Path file;
  private UserStore store;
  private Random random;

  @Setup(Level.Trial)
  public void setUp() {
    file = BenchDatabase.create(ROWS);
    store = Systems.open(system.equals("jdbc-scoped") ? "jdbc" : system, file);
    random = new Random(7);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    store.close();
    BenchDatabase.delete(file);
  }

  /** W7: point read; ids drawn from tenant org-1 (id % 4 == 1) so the scoped variants always hit. */
  @Benchmark
  public BenchUser w7PointRead() {
    long id = 4L * random.nextInt(ROWS / 4 - 1) + 1;
    if (store instanceof JdbcStore && system.equals("jdbc-scoped")) {
      return ((JdbcStore) store).getByIdScoped(id, "org-1");
    }
    return store.getById(id);
  }
}
