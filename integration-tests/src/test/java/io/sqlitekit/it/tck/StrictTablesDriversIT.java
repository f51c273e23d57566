package io.sqlitekit.it.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.core.SqliteRepository;
import io.sqlitekit.it.d1.LocalD1;
import io.sqlitekit.spi.error.RepositoryException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code SqliteKit.Builder.strictTables(true)} on the network drivers, as {@code TypedReadsIT} checks it on the
 * xerial driver: the tables the kit creates are STRICT on a dqlite cluster and on local D1, refuse a value of
 * another storage class from raw SQL, and round-trip every column type, NULLs and zeros apart.
 */
class StrictTablesDriversIT {
  private static final TableDef NUMS = TableDef.of("strict_nums",
      Column.integer("id").primaryKey(),
      Column.integer("n"),
      Column.real("r"),
      Column.bool("flag"),
      Column.timestampMillis("at"),
      Column.text("label"));

  /** One row of {@link #NUMS}. */
  public record Num(Long id, Long n, Double r, Boolean flag, Instant at, String label) {
  }

  private static void check(String url) {
    // A fresh name per run: the D1 database outlives a test run.
    String name = "strict_nums_" + UUID.randomUUID().toString().substring(0, 8);
    TableDef table = NUMS.withName(name);
    try (SqliteKit kit = SqliteKit.builder().url(url).strictTables(true).build()) {
      kit.createTableIfNotExists(table);
      try {
        long strict = kit.driver().readBrief(s -> s.query(
            "SELECT \"strict\" FROM pragma_table_list WHERE \"name\" = ?", List.of(name),
            rs -> rs.next() ? rs.getLong(0) : -1L));
        assertEquals(1L, strict, "created STRICT");
        assertThrows(RepositoryException.class,
            () -> kit.execute("INSERT INTO \"" + name + "\"(id, n) VALUES (1, 2.5)"),
            "a REAL refused in an INTEGER column");
        SqliteRepository<Num, Long> nums = kit.repository(table, Num.class);
        Instant at = Instant.ofEpochMilli(1_700_000_000_123L);
        List<Num> rows = List.of(new Num(1L, 0L, 0.0, false, Instant.EPOCH, "zeros"),
            new Num(2L, null, null, null, null, null), new Num(3L, -4L, -2.5, true, at, "values"));
        nums.createMany(rows);
        assertEquals(rows, nums.findAll(Filters.all()));
        assertEquals(rows.get(1), nums.getById(2L).orElseThrow());
      } finally {
        kit.execute("DROP TABLE IF EXISTS \"" + name + "\"");
      }
    }
  }

  @Test
  void dqlite_strictTables_refuseAnotherStorageClass_andRoundTrip() {
    check(DqliteHarnessBase.cluster().url("strict-" + UUID.randomUUID().toString().substring(0, 8)));
  }

  @Test
  void d1_strictTables_refuseAnotherStorageClass_andRoundTrip() {
    check(LocalD1.url());
  }
}
