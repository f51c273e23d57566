package io.sqlitekit.core.internal.ops;

import io.sqlitekit.core.internal.exec.RowWrites;
import io.sqlitekit.core.internal.render.Rendered;
import io.sqlitekit.core.internal.render.StatementRenderer;
import io.sqlitekit.core.internal.render.TableModel;
import io.sqlitekit.spi.driver.SqlSession;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.Identifiers;
import io.sqlitekit.spi.table.TableDef;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Internal, not API, may change. {@code archiveByFilter} on SQLite: {@code INSERT INTO archive (…) SELECT …
 * FROM t WHERE <scope>} then {@code DELETE FROM t WHERE <scope>}, in the caller's write transaction. Under the
 * single writer both statements see the same rows; the counts are compared anyway, and a difference throws,
 * which rolls the transaction back, so a row is never lost nor archived twice.
 */
public final class ArchiveMove {
  private ArchiveMove() {
  }

  /**
   * Moves the rows in scope to the archive table.
   *
   * @param s the write session, inside a write transaction
   * @param writes the source table's writes
   * @param scope the filter with the policy scope
   * @param archive the archive table, checked compatible with the source definition
   * @return the rows moved
   * @throws ValidationException if the archive table or one of its columns does not exist in the database
   * @throws SQLException on failure (the transaction is rolled back by the caller)
   */
  public static long move(SqlSession s, RowWrites writes, Filter scope, TableDef archive) throws SQLException {
    StatementRenderer render = writes.renderer();
    TableModel m = render.model();
    requireExists(s, archive);
    StringBuilder into = new StringBuilder();
    StringBuilder from = new StringBuilder();
    for (Column c : m.table().columns()) {
      Column a = archive.require(c.name());
      into.append(into.length() == 0 ? "" : ", ").append(Identifiers.quote(a.sqlName()));
      from.append(from.length() == 0 ? "" : ", ").append(m.expr(c.name()));
    }
    Rendered w = render.where(scope);
    String copy = "INSERT INTO " + Identifiers.quote(archive.name()) + " (" + into + ") SELECT " + from + " FROM "
        + m.quotedTable() + w.whereClause();
    long copied = s.update(copy, w.params());
    Rendered del = render.delete(w);
    long deleted = s.update(del.sql(), del.params());
    if (copied != deleted) {
      throw new IllegalStateException(String.format(Locale.ROOT,
          "archiveByFilter on table \"%s\" copied %d rows but deleted %d; rolled back", m.table().name(), copied,
          deleted));
    }
    return deleted;
  }

  /** The archive must be a table of this database with every column its definition names. */
  private static void requireExists(SqlSession s, TableDef archive) throws SQLException {
    Set<String> present = s.query("SELECT name FROM pragma_table_info(?)", List.of(archive.name()), rs -> {
      Set<String> names = new HashSet<>();
      while (rs.next()) {
        names.add(rs.getString(0));
      }
      return names;
    });
    if (present.isEmpty()) {
      throw new ValidationException("archive", String.format(Locale.ROOT,
          "archiveByFilter: archive table \"%s\" does not exist in the database; create it first", archive.name()));
    }
    for (Column a : archive.columns()) {
      if (!present.contains(a.sqlName())) {
        throw new ValidationException(a.name(), String.format(Locale.ROOT,
            "archiveByFilter: archive table \"%s\" in the database has no column \"%s\"", archive.name(),
            a.sqlName()));
      }
    }
  }
}
