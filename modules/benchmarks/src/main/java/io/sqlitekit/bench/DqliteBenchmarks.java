package io.sqlitekit.bench;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.spi.KeysetRequest;
import io.sqlitekit.spi.Projection;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.driver.PragmaPreset;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.support.page.KeysetCursors;
import io.sqlitekit.spi.table.RowMapper;
import io.sqlitekit.testsupport.DqliteCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * D1–D3: the same sqlitekit repository on a 3-node dqlite cluster on loopback ({@code dqlite-3node}) against the
 * xerial driver on a WAL file ({@code xerial-file}), same schema and {@value #ROWS} rows, in one JMH run; the report
 * gives dqlite's cost as a ratio to the file. Every dqlite statement is a network round trip to the leader and a
 * write is a Raft commit on a quorum, so the ratios say what moving to the cluster costs per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DqliteBenchmarks {
  static final int ROWS = 10_000;
  /** The baseline system of these benchmarks. */
  static final String FILE = "xerial-file";
  private static final Sort NEWEST_FIRST = Sort.parse("-createdAt,-id");

  @Param({FILE, "dqlite-3node"})
  public String system;

  private Path dir;
  private DqliteCluster cluster;
  private SqliteKit kit;
  private StandardRepo<BenchUser, Long> repo;
  private Random random;
  private long nextId;
  private String middle;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("sqlitekit-bench-dqlite");
    String url;
    if (system.equals(FILE)) {
      url = "jdbc:sqlite:" + dir.resolve("bench.db");
    } else {
      String missing = DqliteCluster.installIfMissing();
      if (missing != null) {
        throw new IllegalStateException("no dqlite server for the dqlite benchmarks: " + missing);
      }
      cluster = DqliteCluster.start(3, Files.createDirectories(dir.resolve("cluster")));
      url = cluster.url("bench");
    }
    kit = SqliteKit.builder().url(url).preset(PragmaPreset.PRODUCTION).build();
    kit.createTable(BenchDatabase.USERS);
    kit.execute(BenchDatabase.INDEX);
    repo = kit.repository(BenchDatabase.USERS, RowMapper.forRecord(BenchUser.class));
    List<BenchUser> chunk = new ArrayList<>();
    for (long id = 1; id <= ROWS; id++) {
      chunk.add(BenchDatabase.user(id));
      if (chunk.size() == 1000) {
        repo.createMany(chunk);
        chunk.clear();
      }
    }
    nextId = ROWS + 1;
    random = new Random(42);
    middle = KeysetCursors.encode(BenchDatabase.USERS, NEWEST_FIRST,
        RowMapper.forRecord(BenchUser.class).toFields(BenchDatabase.user(ROWS / 2)));
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    kit.close();
    if (cluster != null) {
      cluster.close();
    }
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (UncheckedIOException e) {
      // A node's file may vanish while walking (the cluster removes its own); nothing is left to clean then.
    }
  }

  /** D1: point read by a random primary key, mapped to a record. */
  @Benchmark
  public BenchUser d1PointRead() {
    return repo.getById(BenchDatabase.randomId(random, ROWS)).orElse(null);
  }

  /** D2: insert one row (its own write transaction; on dqlite a Raft commit). */
  @Benchmark
  public BenchUser d2Insert() {
    return repo.create(BenchDatabase.user(nextId++));
  }

  /** D3: the 20-row keyset page after a position in the middle of the table ({@code createdAt DESC, id DESC}). */
  @Benchmark
  public List<BenchUser> d3KeysetPage() {
    return repo.getAll(new KeysetRequest(Filters.all(), NEWEST_FIRST, middle, 20, Projection.all())).items();
  }
}
