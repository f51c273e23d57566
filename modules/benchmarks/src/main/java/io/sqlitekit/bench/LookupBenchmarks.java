package io.sqlitekit.bench;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.spi.Lookup;
import io.sqlitekit.spi.LookupRow;
import io.sqlitekit.spi.OffsetPage;
import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.Projection;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.driver.PragmaPreset;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.RowMapper;
import io.sqlitekit.spi.table.TableDef;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
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
 * W11: one offset page (50 users, page 10, by id, with the exact total) with each user's tasks attached (a
 * one-to-many lookup; 5 tasks per user, indexed by {@code userId}). Baselines: {@code jdbc} runs what the kit
 * does by hand (page, count, one {@code IN} query for the page's tasks, grouped in Java); {@code jdbc-json} is
 * the single-statement alternative, a correlated {@code json_group_array} subquery per user, whose JSON is
 * parsed by nothing (so it is a lower bound for that strategy).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LookupBenchmarks {
  static final TableDef TASKS = TableDef.of("tasks", Column.integer("id").primaryKey(),
      Column.integer("userId").notNull(), Column.text("title").notNull(), Column.bool("done").notNull());
  private static final int TASKS_PER_USER = 5;
  private static final int PAGE = 10;
  private static final int LIMIT = 50;
  private static final String PAGE_SQL = "SELECT id, name, email, age, active, createdAt, organizationId, deletedAt"
      + " FROM users ORDER BY id LIMIT ? OFFSET ?";
  private static final String JSON_SQL = "SELECT u.id, u.name, u.email, u.age, u.active, u.createdAt,"
      + " u.organizationId, u.deletedAt, (SELECT json_group_array(json_object('id', t.id, 'userId', t.userId,"
      + " 'title', t.title, 'done', t.done)) FROM (SELECT * FROM tasks WHERE userId = u.id ORDER BY id) t)"
      + " FROM users u ORDER BY u.id LIMIT ? OFFSET ?";
  private static final List<Lookup> LOOKUPS = List.of(Lookup.many("tasks", TASKS, "id", "userId"));

  @Param({"10000"})
  public int rows;

  @Param({"jdbc", "jdbc-json", "sqlitekit"})
  public String system;

  private Path file;
  private Connection jdbc;
  private SqliteKit kit;
  private StandardRepo<BenchUser, Long> repo;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    file = BenchDatabase.create(rows);
    try (Connection c = BenchDatabase.open(file); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE tasks (id INTEGER PRIMARY KEY, userId INTEGER NOT NULL, title TEXT NOT NULL,"
          + " done INTEGER NOT NULL)");
      s.execute("CREATE INDEX idx_tasks_userId ON tasks (userId)");
      c.setAutoCommit(false);
      try (PreparedStatement ins = c.prepareStatement("INSERT INTO tasks (userId, title, done) VALUES (?, ?, ?)")) {
        for (long u = 1; u <= rows; u++) {
          for (int t = 0; t < TASKS_PER_USER; t++) {
            ins.setLong(1, u);
            ins.setString(2, "task " + t + " of " + u);
            ins.setInt(3, t % 2);
            ins.addBatch();
          }
        }
        ins.executeBatch();
      }
      c.commit();
    }
    if (system.startsWith("jdbc")) {
      jdbc = BenchDatabase.open(file);
    } else {
      kit = SqliteKit.builder().url("jdbc:sqlite:" + file).preset(PragmaPreset.PRODUCTION).build();
      repo = kit.repository(BenchDatabase.USERS, RowMapper.forRecord(BenchUser.class));
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    if (jdbc != null) {
      jdbc.close();
    }
    if (kit != null) {
      kit.close();
    }
    BenchDatabase.delete(file);
  }

  /** W11: a page of 50 users with their tasks and the total. */
  @Benchmark
  public Object w11OneToManyLookupPage() throws SQLException {
    if (repo != null) {
      OffsetPage<LookupRow<BenchUser>> page = repo.lookupPage(
          new PageRequest(Filters.all(), Sort.parse("id"), PAGE, LIMIT, Projection.all()), LOOKUPS);
      return page;
    }
    long total;
    try (Statement s = jdbc.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM users")) {
      rs.next();
      total = rs.getLong(1);
    }
    return system.equals("jdbc-json") ? jsonPage(total) : twoQueryPage(total);
  }

  private List<Object> twoQueryPage(long total) throws SQLException {
    List<Object[]> users = new ArrayList<>();
    try (PreparedStatement ps = jdbc.prepareStatement(PAGE_SQL)) {
      ps.setInt(1, LIMIT);
      ps.setInt(2, (PAGE - 1) * LIMIT);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          users.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getObject(4),
              rs.getInt(5) != 0, rs.getLong(6), rs.getString(7), rs.getObject(8)});
        }
      }
    }
    StringBuilder in = new StringBuilder();
    for (int i = 0; i < users.size(); i++) {
      in.append(i == 0 ? "?" : ", ?");
    }
    Map<Long, List<Map<String, Object>>> tasks = new HashMap<>();
    try (PreparedStatement ps = jdbc.prepareStatement(
        "SELECT id, userId, title, done FROM tasks WHERE userId IN (" + in + ") ORDER BY id")) {
      for (int i = 0; i < users.size(); i++) {
        ps.setLong(i + 1, (Long) users.get(i)[0]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Map<String, Object> t = new LinkedHashMap<>();
          t.put("id", rs.getLong(1));
          t.put("userId", rs.getLong(2));
          t.put("title", rs.getString(3));
          t.put("done", rs.getInt(4) != 0);
          tasks.computeIfAbsent(rs.getLong(2), k -> new ArrayList<>()).add(t);
        }
      }
    }
    List<Object> out = new ArrayList<>();
    for (Object[] u : users) {
      out.add(List.of(u, tasks.getOrDefault((Long) u[0], List.of())));
    }
    out.add(total);
    return out;
  }

  private List<Object> jsonPage(long total) throws SQLException {
    List<Object> out = new ArrayList<>();
    try (PreparedStatement ps = jdbc.prepareStatement(JSON_SQL)) {
      ps.setInt(1, LIMIT);
      ps.setInt(2, (PAGE - 1) * LIMIT);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getObject(4),
              rs.getInt(5) != 0, rs.getLong(6), rs.getString(7), rs.getObject(8), rs.getString(9)});
        }
      }
    }
    out.add(total);
    return out;
  }
}
