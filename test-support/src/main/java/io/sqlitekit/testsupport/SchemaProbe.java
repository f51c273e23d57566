package io.sqlitekit.testsupport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sqlitekit.spi.driver.StatementEvent;
import io.sqlitekit.spi.driver.StatementListener;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Reads a SQLite file's schema and query plans over plain JDBC, bypassing the kit: what {@code sqlite_master},
 * {@code PRAGMA index_list} / {@code index_info} and {@code EXPLAIN QUERY PLAN} say, the latter for the exact
 * statements a repository call ran, as the kit's {@link Recorder} (its statement listener) saw them.
 */
public final class SchemaProbe {
  /** One row of {@code PRAGMA index_list}, with the table it belongs to and its columns from {@code index_info}. */
  public record Index(String name, String table, boolean unique, boolean partial, List<String> columns) {
  }

  /** A statement a repository call prepared, with its query plan. */
  public record Plan(String sql, List<String> lines) {
  }

  private SchemaProbe() {
  }

  /** A statement listener for the kit builder that remembers the SQL of every query, update and batch. */
  public static final class Recorder implements StatementListener {
    private final List<String> statements = new CopyOnWriteArrayList<>();

    @Override
    public void onStatement(StatementEvent e) {
      if (e.kind() == StatementEvent.Kind.QUERY || e.kind() == StatementEvent.Kind.UPDATE
          || e.kind() == StatementEvent.Kind.BATCH) {
        statements.add(e.sql());
      }
    }

    /** Returns the statements run since the last call, in order, and forgets them. */
    List<String> drain() {
      List<String> out = List.copyOf(statements);
      statements.clear();
      return out;
    }
  }

  /** Runs a call on a kit with the recorder and returns the plan of each statement it ran. */
  public static List<Plan> plansOf(Recorder recorder, Path file, Runnable call) {
    recorder.drain();
    call.run();
    List<Plan> plans = new ArrayList<>();
    for (String sql : recorder.drain()) {
      plans.add(new Plan(sql, explain(file, sql)));
    }
    assertFalse(plans.isEmpty(), "the call prepared no statement");
    return plans;
  }

  /** Some statement searches the table through the index, and none scans the whole table (by any index). */
  public static void assertSearchesWith(String table, String index, List<Plan> plans) {
    Pattern search = Pattern.compile("SEARCH " + table + " USING (COVERING )?INDEX " + Pattern.quote(index)
        + " \\(.*");
    boolean used = false;
    for (Plan p : plans) {
      for (String line : p.lines()) {
        if (line.equals("SCAN " + table) || line.startsWith("SCAN " + table + " ")) {
          fail("the statement scans the whole table: " + p);
        }
        used |= search.matcher(line).matches();
      }
    }
    assertTrue(used, "no statement searched with " + index + ": " + plans);
  }

  /** No statement's plan mentions the index. */
  public static void assertNotUsed(String index, List<Plan> plans) {
    for (Plan p : plans) {
      assertTrue(p.lines().stream().noneMatch(l -> l.matches(".* INDEX " + Pattern.quote(index) + "( .*)?")),
          () -> index + " is used: " + p);
    }
  }

  /** Returns the index of that name as SQLite stores it, or empty if it does not exist. */
  public static Optional<Index> index(Path file, String name) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      String table;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT tbl_name FROM sqlite_master WHERE type = 'index' AND name = ?")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          table = rs.getString(1);
        }
      }
      boolean unique = false;
      boolean partial = false;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT \"unique\", partial FROM pragma_index_list(?) WHERE name = ?")) {
        ps.setString(1, table);
        ps.setString(2, name);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new AssertionError("sqlite_master lists index " + name + " but index_list does not");
          }
          unique = rs.getInt(1) == 1;
          partial = rs.getInt(2) == 1;
        }
      }
      List<String> columns = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT name FROM pragma_index_info(?) ORDER BY seqno")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            columns.add(rs.getString(1));
          }
        }
      }
      return Optional.of(new Index(name, table, unique, partial, columns));
    } catch (SQLException e) {
      throw new AssertionError("schema read failed", e);
    }
  }

  /** Returns the SQL text {@code sqlite_master} keeps for the object (index, trigger, table), or empty. */
  public static Optional<String> sql(Path file, String type, String name) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        PreparedStatement ps = c.prepareStatement("SELECT sql FROM sqlite_master WHERE type = ? AND name = ?")) {
      ps.setString(1, type);
      ps.setString(2, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new AssertionError("schema read failed", e);
    }
  }

  /** Returns the detail lines of {@code EXPLAIN QUERY PLAN sql}, parameters left unbound (plans do not use them). */
  public static List<String> explain(Path file, String sql) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + sql);
        ResultSet rs = ps.executeQuery()) {
      List<String> lines = new ArrayList<>();
      while (rs.next()) {
        lines.add(rs.getString("detail"));
      }
      return lines;
    } catch (SQLException e) {
      throw new AssertionError("EXPLAIN QUERY PLAN failed for " + sql, e);
    }
  }
}
