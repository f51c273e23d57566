package io.sqlitekit.bench;

import static io.sqlitekit.spi.filter.Filters.and;
import static io.sqlitekit.spi.filter.Filters.eq;
import static io.sqlitekit.spi.filter.Filters.gt;
import static io.sqlitekit.spi.filter.Filters.gte;
import static io.sqlitekit.spi.filter.Filters.lt;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.core.SqliteRepository;
import io.sqlitekit.plugin.tenant.Tenants;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.FindOptions;
import io.sqlitekit.spi.KeysetRequest;
import io.sqlitekit.spi.OffsetPage;
import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.Projection;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.StreamOptions;
import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.driver.PragmaPreset;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.support.page.KeysetCursors;
import io.sqlitekit.spi.table.RowMapper;
import io.sqlitekit.spi.update.Update;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** sqlitekit's repository over the same file, optionally with plugins enabled by name. Thread-safe. */
public final class SqlitekitStore implements UserStore {
  private static final Sort NEWEST_FIRST = Sort.parse("-createdAt,-id");
  private static final Sort BY_ID = Sort.parse("id");
  private final SqliteKit kit;
  private final StandardRepo<BenchUser, Long> repo;

  /**
   * Opens the store.
   *
   * @param file the database
   * @param plugins plugin names to enable, possibly none
   */
  public SqlitekitStore(Path file, String... plugins) {
    this(SqliteKit.builder().url("jdbc:sqlite:" + file).preset(PragmaPreset.PRODUCTION), plugins);
  }

  /**
   * Opens the store with group commit off (writers in arrival order, each with its own commit).
   *
   * @param file the database
   * @return the store
   */
  public static SqlitekitStore withoutGroupCommit(Path file) {
    return new SqlitekitStore(SqliteKit.builder().url("jdbc:sqlite:" + file)
        .driverOptions(DriverOptions.defaults().withGroupCommit(false)));
  }

  private SqlitekitStore(SqliteKit.Builder b, String... plugins) {
    if (plugins.length > 0) {
      b.plugins(plugins);
    }
    kit = b.build();
    SqliteRepository<BenchUser, Long> r = kit.repository(BenchDatabase.USERS, RowMapper.forRecord(BenchUser.class));
    boolean tenant = List.of(plugins).contains("multi-tenant");
    repo = tenant ? r.withContext(CallContext.of(Tenants.TENANT_ID, "org-1")) : r;
  }

  @Override
  public void insertAll(List<BenchUser> users) {
    repo.createMany(users);
  }

  @Override
  public BenchUser getById(long id) {
    return repo.getById(id).orElse(null);
  }

  @Override
  public Page offsetPage(int minAge, int page, int limit) {
    Filter f = and(gt("age", minAge), eq("active", true));
    OffsetPage<BenchUser> p = repo.getAll(new PageRequest(f, NEWEST_FIRST, page, limit, Projection.all()));
    return new Page(p.items(), p.total());
  }

  @Override
  public Object keysetPosition(BenchUser lastSeen) {
    return KeysetCursors.encode(BenchDatabase.USERS, NEWEST_FIRST, RowMapper.forRecord(BenchUser.class)
        .toFields(lastSeen));
  }

  @Override
  public List<BenchUser> keysetPage(Object position, int limit) {
    return repo.getAll(new KeysetRequest(Filters.all(), NEWEST_FIRST, (String) position, limit, Projection.all()))
        .items();
  }

  @Override
  public int rename(long id, String name) {
    // The count-only call, as the other systems' rename: no row comes back.
    return (int) repo.updateMany(eq("id", id), Update.set("name", name)).modifiedCount();
  }

  @Override
  public BenchUser renameReturning(long id, String name) {
    return repo.update(id, Update.set("name", name)).orElse(null);
  }

  @Override
  public List<BenchUser> findRange(long from, int n) {
    return repo.findAll(and(gte("id", from), lt("id", from + n)), FindOptions.defaults().withSort(BY_ID));
  }

  @Override
  public long streamAll() {
    try (Stream<BenchUser> s = repo.stream(Filters.all(), StreamOptions.defaults().withSort(BY_ID))) {
      return s.filter(u -> u.id() > 0).count();
    }
  }

  @Override
  public void close() {
    kit.close();
  }
}
