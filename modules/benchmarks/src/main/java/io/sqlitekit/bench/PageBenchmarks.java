package io.sqlitekit.bench;

import java.nio.file.Path;
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
 * W3 filtered offset page + count and W4 keyset page deep in the table, at growing table sizes: offset cost grows
 * with the table, keyset cost must stay flat.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PageBenchmarks {
  @Param({"10000", "100000", "1000000"})
  public int rows;

  @Param({"jdbc", "sqlitekit", "jooq", "jdbi"})
  public String system;

  private Path file;
  private UserStore store;
  private Object deepPosition;
  private Object firstPosition;

  @Setup(Level.Trial)
  public void setUp() {
    file = BenchDatabase.create(rows);
    store = Systems.open(system, file);
    // Newest first: a position 90% of the way down the table, and one right after the first page.
    deepPosition = store.keysetPosition(BenchDatabase.user(Math.max(1, rows / 10)));
    firstPosition = store.keysetPosition(BenchDatabase.user(rows - 20));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    store.close();
    BenchDatabase.delete(file);
  }

  /** W3: {@code age > 30 AND active = 1 ORDER BY createdAt DESC LIMIT 20 OFFSET 200} plus the count. */
  @Benchmark
  public UserStore.Page w3OffsetPageWithCount() {
    return store.offsetPage(30, 11, 20);
  }

  /** W4: 20 rows after a (createdAt, id) position 90% deep. */
  @Benchmark
  public List<BenchUser> w4KeysetDeep() {
    return store.keysetPage(deepPosition, 20);
  }

  /** W4 reference point: the second page (the cost keyset paging should keep at any depth). */
  @Benchmark
  public List<BenchUser> w4KeysetSecondPage() {
    return store.keysetPage(firstPosition, 20);
  }
}
