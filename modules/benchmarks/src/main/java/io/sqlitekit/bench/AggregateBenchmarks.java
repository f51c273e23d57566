package io.sqlitekit.bench;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.DateBucket;
import io.sqlitekit.spi.Measure;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.driver.PragmaPreset;
import io.sqlitekit.spi.table.RowMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * W10: a grouped aggregate with a UTC day bucket over every row ({@code createdAt} epoch milliseconds, one second
 * apart: 12 days at 1M rows), counting rows and averaging ages per day, against the query one would write by hand
 * ({@code strftime('%Y-%m-%d', createdAt / 1000, 'unixepoch')}). The kit's bucket also reads ISO text and floors
 * negative epochs, so it costs more per row; the ratio shows how much.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AggregateBenchmarks {
  private static final String HAND_WRITTEN = "SELECT strftime('%Y-%m-%d', createdAt / 1000, 'unixepoch') AS day, "
      + "count(*), avg(age) FROM users GROUP BY day ORDER BY day";
  private static final AggregateRequest BY_DAY = AggregateRequest.of("n", Measure.count())
      .measure("avgAge", Measure.avg("age")).bucket("day", DateBucket.of("createdAt", DateBucket.Unit.DAY));

  @Param({"1000000"})
  public int rows;

  @Param({"jdbc", "sqlitekit"})
  public String system;

  private Path file;
  private Connection jdbc;
  private PreparedStatement statement;
  private SqliteKit kit;
  private StandardRepo<BenchUser, Long> repo;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    file = BenchDatabase.create(rows);
    if (system.equals("jdbc")) {
      jdbc = BenchDatabase.open(file);
      statement = jdbc.prepareStatement(HAND_WRITTEN);
    } else {
      kit = SqliteKit.builder().url("jdbc:sqlite:" + file).preset(PragmaPreset.PRODUCTION).build();
      repo = kit.repository(BenchDatabase.USERS, RowMapper.forRecord(BenchUser.class));
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    if (jdbc != null) {
      statement.close();
      jdbc.close();
    }
    if (kit != null) {
      kit.close();
    }
    BenchDatabase.delete(file);
  }

  /** W10: rows per UTC day and the average age, one row per day. */
  @Benchmark
  public List<Map<String, Object>> w10DayBucketAggregate() throws SQLException {
    if (repo != null) {
      return repo.aggregate(BY_DAY);
    }
    List<Map<String, Object>> out = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("day", rs.getString(1));
        row.put("n", rs.getLong(2));
        row.put("avgAge", rs.getDouble(3));
        out.add(row);
      }
    }
    return out;
  }
}
