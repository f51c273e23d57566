package io.sqlitekit.bench;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * JDBI 3 core with one open handle, named parameters and a hand-written row mapper (the fastest JDBI mapping).
 * Not thread-safe.
 */
public final class JdbiStore implements UserStore {
  private static final String COLUMNS = JdbcStore.COLUMNS;
  private static final RowMapper<BenchUser> MAPPER = (rs, ctx) -> JdbcStore.map(rs);
  private final Handle h;

  /**
   * Opens the store.
   *
   * @param file the database
   */
  public JdbiStore(Path file) {
    try {
      h = Jdbi.create(BenchDatabase.open(file)).open();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void insertAll(List<BenchUser> users) {
    h.useTransaction(tx -> {
      PreparedBatch batch = tx.prepareBatch("INSERT INTO users (" + COLUMNS
          + ") VALUES (:id, :name, :email, :age, :active, :createdAt, :org, :deletedAt)");
      for (BenchUser u : users) {
        batch.bind("id", u.id()).bind("name", u.name()).bind("email", u.email()).bind("age", u.age())
            .bind("active", u.active() ? 1 : 0).bind("createdAt", u.createdAt().toEpochMilli())
            .bind("org", u.organizationId())
            .bind("deletedAt", u.deletedAt() == null ? null : u.deletedAt().toEpochMilli()).add();
      }
      batch.execute();
    });
  }

  @Override
  public BenchUser getById(long id) {
    return h.createQuery("SELECT " + COLUMNS + " FROM users WHERE id = :id").bind("id", id).map(MAPPER)
        .findOne().orElse(null);
  }

  @Override
  public Page offsetPage(int minAge, int page, int limit) {
    return h.inTransaction(tx -> {
      List<BenchUser> items = tx.createQuery("SELECT " + COLUMNS + " FROM users WHERE age > :age AND active = 1 "
          + "ORDER BY createdAt DESC, id DESC LIMIT :limit OFFSET :offset").bind("age", minAge)
          .bind("limit", limit).bind("offset", (page - 1) * limit).map(MAPPER).list();
      long total = tx.createQuery("SELECT count(*) FROM users WHERE age > :age AND active = 1").bind("age", minAge)
          .mapTo(Long.class).one();
      return new Page(items, total);
    });
  }

  @Override
  public Object keysetPosition(BenchUser lastSeen) {
    return lastSeen;
  }

  @Override
  public List<BenchUser> keysetPage(Object position, int limit) {
    BenchUser last = (BenchUser) position;
    return h.createQuery("SELECT " + COLUMNS + " FROM users WHERE (createdAt, id) < (:c, :id) "
        + "ORDER BY createdAt DESC, id DESC LIMIT :limit").bind("c", last.createdAt().toEpochMilli())
        .bind("id", last.id()).bind("limit", limit).map(MAPPER).list();
  }

  @Override
  public int rename(long id, String name) {
    return h.createUpdate("UPDATE users SET name = :name WHERE id = :id").bind("name", name).bind("id", id)
        .execute();
  }

  @Override
  public BenchUser renameReturning(long id, String name) {
    return h.createQuery("UPDATE users SET name = :name WHERE id = :id RETURNING " + COLUMNS).bind("name", name)
        .bind("id", id).map(MAPPER).findOne().orElse(null);
  }

  @Override
  public List<BenchUser> findRange(long from, int n) {
    return h.createQuery("SELECT " + COLUMNS + " FROM users WHERE id >= :from AND id < :to ORDER BY id")
        .bind("from", from).bind("to", from + n).map(MAPPER).list();
  }

  @Override
  public long streamAll() {
    try (var s = h.createQuery("SELECT " + COLUMNS + " FROM users ORDER BY id").setFetchSize(500).map(MAPPER)
        .stream()) {
      return s.filter(u -> u.id() > 0).count();
    }
  }

  @Override
  public void close() {
    h.close();
  }
}
