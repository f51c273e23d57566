package io.sqlitekit.bench;

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.table;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record8;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * jOOQ (open-source edition, SQLite dialect) without code generation: typed field references, one connection,
 * statement reuse where jOOQ allows it. Not thread-safe.
 */
public final class JooqStore implements UserStore {
  private static final Table<Record> USERS = table(name("users"));
  private static final Field<Long> ID = field(name("id"), Long.class);
  private static final Field<String> NAME = field(name("name"), String.class);
  private static final Field<String> EMAIL = field(name("email"), String.class);
  private static final Field<Integer> AGE = field(name("age"), Integer.class);
  private static final Field<Integer> ACTIVE = field(name("active"), Integer.class);
  private static final Field<Long> CREATED = field(name("createdAt"), Long.class);
  private static final Field<String> ORG = field(name("organizationId"), String.class);
  private static final Field<Long> DELETED = field(name("deletedAt"), Long.class);

  private final Connection c;
  private final DSLContext ctx;

  /**
   * Opens the store.
   *
   * @param file the database
   */
  public JooqStore(Path file) {
    try {
      c = BenchDatabase.open(file);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    ctx = DSL.using(c, SQLDialect.SQLITE, new Settings().withExecuteLogging(false).withRenderSchema(false));
  }

  private static BenchUser map(Record8<Long, String, String, Integer, Integer, Long, String, Long> r) {
    Long deleted = r.value8();
    return new BenchUser(r.value1(), r.value2(), r.value3(), r.value4(), r.value5() != 0,
        Instant.ofEpochMilli(r.value6()), r.value7(), deleted == null ? null : Instant.ofEpochMilli(deleted));
  }

  @Override
  public void insertAll(List<BenchUser> users) {
    ctx.transaction(cfg -> {
      DSLContext tx = DSL.using(cfg);
      var batch = tx.batch(tx.insertInto(USERS, ID, NAME, EMAIL, AGE, ACTIVE, CREATED, ORG, DELETED)
          .values((Long) null, null, null, null, null, null, null, null));
      for (BenchUser u : users) {
        batch.bind(u.id(), u.name(), u.email(), u.age(), u.active() ? 1 : 0, u.createdAt().toEpochMilli(),
            u.organizationId(), u.deletedAt() == null ? null : u.deletedAt().toEpochMilli());
      }
      batch.execute();
    });
  }

  @Override
  public BenchUser getById(long id) {
    var r = ctx.select(ID, NAME, EMAIL, AGE, ACTIVE, CREATED, ORG, DELETED).from(USERS).where(ID.eq(id)).fetchOne();
    return r == null ? null : map(r);
  }

  @Override
  public Page offsetPage(int minAge, int page, int limit) {
    return ctx.transactionResult(cfg -> {
      DSLContext tx = DSL.using(cfg);
      var cond = AGE.gt(minAge).and(ACTIVE.eq(1));
      List<BenchUser> items = tx.select(ID, NAME, EMAIL, AGE, ACTIVE, CREATED, ORG, DELETED).from(USERS)
          .where(cond).orderBy(CREATED.desc(), ID.desc()).limit(limit).offset((page - 1) * limit)
          .fetch(JooqStore::map);
      long total = tx.select(count()).from(USERS).where(cond).fetchOne(0, Long.class);
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
    return ctx.select(ID, NAME, EMAIL, AGE, ACTIVE, CREATED, ORG, DELETED).from(USERS)
        .where(row(CREATED, ID).lt(last.createdAt().toEpochMilli(), last.id()))
        .orderBy(CREATED.desc(), ID.desc()).limit(limit).fetch(JooqStore::map);
  }

  @Override
  public int rename(long id, String newName) {
    return ctx.update(USERS).set(NAME, newName).where(ID.eq(id)).execute();
  }

  @Override
  public BenchUser renameReturning(long id, String newName) {
    return ctx.update(USERS).set(NAME, newName).where(ID.eq(id))
        .returningResult(ID, NAME, EMAIL, AGE, ACTIVE, CREATED, ORG, DELETED).fetchOne(JooqStore::map);
  }

  @Override
  public List<BenchUser> findRange(long from, int n) {
    return ctx.select(ID, NAME, EMAIL, AGE, ACTIVE, CREATED, ORG, DELETED).from(USERS)
        .where(ID.ge(from).and(ID.lt(from + n))).orderBy(ID).fetch(JooqStore::map);
  }

  @Override
  public long streamAll() {
    long[] seen = {0};
    try (var cursor = ctx.select(ID, NAME, EMAIL, AGE, ACTIVE, CREATED, ORG, DELETED).from(USERS).orderBy(ID)
        .fetchSize(500).fetchLazy()) {
      cursor.forEach(r -> {
        if (map(r).id() > 0) {
          seen[0]++;
        }
      });
    }
    return seen[0];
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
