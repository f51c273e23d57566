package io.sqlitekit.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The practical limit: hand-written JDBC with prepared statements kept open, one connection, column access by
 * index. Not thread-safe; concurrency benchmarks give each thread its own instance.
 */
public final class JdbcStore implements UserStore {
  static final String COLUMNS = "id, name, email, age, active, createdAt, organizationId, deletedAt";
  private final Connection c;
  private final PreparedStatement insert;
  private final PreparedStatement byId;
  private final PreparedStatement page;
  private final PreparedStatement count;
  private final PreparedStatement keyset;
  private final PreparedStatement rename;
  private final PreparedStatement renameReturning;
  private final PreparedStatement range;
  private final PreparedStatement byIdScoped;

  /**
   * Opens the store.
   *
   * @param file the database
   */
  public JdbcStore(Path file) {
    try {
      c = BenchDatabase.open(file);
      insert = c.prepareStatement("INSERT INTO users (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?)");
      byId = c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE id = ?");
      page = c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE age > ? AND active = 1 "
          + "ORDER BY createdAt DESC, id DESC LIMIT ? OFFSET ?");
      count = c.prepareStatement("SELECT count(*) FROM users WHERE age > ? AND active = 1");
      keyset = c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE (createdAt, id) < (?, ?) "
          + "ORDER BY createdAt DESC, id DESC LIMIT ?");
      rename = c.prepareStatement("UPDATE users SET name = ? WHERE id = ?");
      renameReturning = c.prepareStatement("UPDATE users SET name = ? WHERE id = ? RETURNING " + COLUMNS);
      range = c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE id >= ? AND id < ? ORDER BY id");
      byIdScoped = c.prepareStatement("SELECT " + COLUMNS
          + " FROM users WHERE id = ? AND organizationId = ? AND deletedAt IS NULL");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static BenchUser map(ResultSet rs) throws SQLException {
    int age = rs.getInt(4);
    Integer ageOrNull = rs.wasNull() ? null : age;
    long deleted = rs.getLong(8);
    Instant deletedAt = rs.wasNull() ? null : Instant.ofEpochMilli(deleted);
    return new BenchUser(rs.getLong(1), rs.getString(2), rs.getString(3), ageOrNull, rs.getInt(5) != 0,
        Instant.ofEpochMilli(rs.getLong(6)), rs.getString(7), deletedAt);
  }

  private static List<BenchUser> all(PreparedStatement ps) throws SQLException {
    List<BenchUser> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(map(rs));
      }
    }
    return out;
  }

  @Override
  public void insertAll(List<BenchUser> users) {
    try {
      c.setAutoCommit(false);
      for (BenchUser u : users) {
        insert.setLong(1, u.id());
        insert.setString(2, u.name());
        insert.setString(3, u.email());
        insert.setObject(4, u.age());
        insert.setInt(5, u.active() ? 1 : 0);
        insert.setLong(6, u.createdAt().toEpochMilli());
        insert.setString(7, u.organizationId());
        insert.setObject(8, u.deletedAt() == null ? null : u.deletedAt().toEpochMilli());
        insert.addBatch();
      }
      insert.executeBatch();
      c.commit();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    } finally {
      try {
        c.setAutoCommit(true);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Override
  public BenchUser getById(long id) {
    try {
      byId.setLong(1, id);
      try (ResultSet rs = byId.executeQuery()) {
        return rs.next() ? map(rs) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The W7 baseline: a point read with the tenant and soft-delete predicates written by hand.
   *
   * @param id the id
   * @param tenant the tenant
   * @return the user or null
   */
  public BenchUser getByIdScoped(long id, String tenant) {
    try {
      byIdScoped.setLong(1, id);
      byIdScoped.setString(2, tenant);
      try (ResultSet rs = byIdScoped.executeQuery()) {
        return rs.next() ? map(rs) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Page offsetPage(int minAge, int pageNo, int limit) {
    try {
      // Count and page in one read transaction, as a careful hand-written version would.
      c.setAutoCommit(false);
      page.setInt(1, minAge);
      page.setInt(2, limit);
      page.setInt(3, (pageNo - 1) * limit);
      List<BenchUser> items = all(page);
      count.setInt(1, minAge);
      long total;
      try (ResultSet rs = count.executeQuery()) {
        rs.next();
        total = rs.getLong(1);
      }
      c.commit();
      c.setAutoCommit(true);
      return new Page(items, total);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Object keysetPosition(BenchUser lastSeen) {
    return lastSeen;
  }

  @Override
  public List<BenchUser> keysetPage(Object position, int limit) {
    BenchUser last = (BenchUser) position;
    try {
      keyset.setLong(1, last.createdAt().toEpochMilli());
      keyset.setLong(2, last.id());
      keyset.setInt(3, limit);
      return all(keyset);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public int rename(long id, String name) {
    try {
      rename.setString(1, name);
      rename.setLong(2, id);
      return rename.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public BenchUser renameReturning(long id, String name) {
    try {
      renameReturning.setString(1, name);
      renameReturning.setLong(2, id);
      try (ResultSet rs = renameReturning.executeQuery()) {
        return rs.next() ? map(rs) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public List<BenchUser> findRange(long from, int n) {
    try {
      range.setLong(1, from);
      range.setLong(2, from + n);
      return all(range);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public long streamAll() {
    long seen = 0;
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM users ORDER BY id")) {
      ps.setFetchSize(500);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (map(rs).id() > 0) {
            seen++;
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return seen;
  }

  @Override
  public void close() {
    try {
      c.close();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
