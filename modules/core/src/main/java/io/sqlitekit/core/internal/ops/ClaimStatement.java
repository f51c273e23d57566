package io.sqlitekit.core.internal.ops;

import io.sqlitekit.core.internal.exec.RowWrites;
import io.sqlitekit.core.internal.render.Rendered;
import io.sqlitekit.core.internal.render.StatementRenderer;
import io.sqlitekit.core.internal.render.TableModel;
import io.sqlitekit.core.internal.render.WriteChecks;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.driver.SqlSession;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.update.Update;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * Internal, not API, may change. The claim of a job-queue row as one statement:
 * {@code UPDATE t SET … WHERE pk = (SELECT pk FROM t WHERE <scope> ORDER BY … LIMIT 1) RETURNING …}. Picking
 * and changing the row in one statement, inside the kit's single writer, means two claimers can never pick the
 * same row: the second one's subquery already sees the first one's change.
 */
public final class ClaimStatement {
  private ClaimStatement() {
  }

  /**
   * Claims the first row in scope in the given order.
   *
   * @param s the write session
   * @param writes the table's writes
   * @param scope the filter with the policy scope
   * @param u the update, changing something
   * @param order the total order
   * @return the claimed row after the update, or empty when none matches
   * @throws SQLException on failure
   */
  public static Optional<Map<String, Object>> claim(SqlSession s, RowWrites writes, Filter scope, Update u,
      Sort order) throws SQLException {
    StatementRenderer render = writes.renderer();
    TableModel m = render.model();
    WriteChecks.checkUpdate(m, u, render.json());
    Rendered w = render.where(scope);
    String pk = m.expr(m.primaryKey().name());
    String pick = render.select(pk, w, order, 1, 0);
    return writes.updateReturning(s, new Rendered(pk + " = (" + pick + ")", w.params()), u);
  }
}
