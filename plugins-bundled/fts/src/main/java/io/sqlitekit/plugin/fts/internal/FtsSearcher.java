package io.sqlitekit.plugin.fts.internal;

import io.sqlitekit.plugin.fts.FullTextSearch;
import io.sqlitekit.plugin.fts.SearchHit;
import io.sqlitekit.plugin.fts.SearchPage;
import io.sqlitekit.plugin.fts.SearchRequest;
import io.sqlitekit.spi.QueryScope;
import io.sqlitekit.spi.ScopedReads;
import io.sqlitekit.spi.compile.SqlFragment;
import io.sqlitekit.spi.driver.SqlSession;
import io.sqlitekit.spi.error.InvalidCursorException;
import io.sqlitekit.spi.error.ValidationException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Internal, not API, may change. Runs searches of one index over one repository view.
 *
 * <p>The page query joins the source table to a derived table of the FTS5 matches, whose columns carry
 * reserved names, so the scope condition and the select list (the source's columns, unqualified) cannot
 * resolve to the FTS5 table's columns of the same name. bm25 is computed once per match; highlights and
 * snippets only for the page's rows, in a second statement on the same snapshot.
 *
 * @param <T> the entity type
 */
public final class FtsSearcher<T> implements FullTextSearch<T> {
  private static final String RANK = "sqlitekit_fts_rank";
  private static final String ROWID = "sqlitekit_fts_rowid";
  private static final Pattern SQLITE_MESSAGE = Pattern.compile("^\\[SQLITE_[A-Z_]+\\][^(]*\\((.*)\\)$",
      Pattern.DOTALL);

  private final ScopedReads<T> reads;
  private final FtsIndex index;

  /**
   * Creates the searcher.
   *
   * @param reads the repository view's scoped reads
   * @param index the index
   */
  public FtsSearcher(ScopedReads<T> reads, FtsIndex index) {
    this.reads = reads;
    this.index = index;
  }

  @Override
  public SearchPage<T> search(SearchRequest request) {
    Objects.requireNonNull(request, "request");
    return reads.read(request.filter(), request, scope -> run(scope, check((SearchRequest) scope.request())));
  }

  private SearchRequest check(SearchRequest r) {
    for (String f : r.weights().keySet()) {
      indexed(f, "weight");
    }
    if (r.highlight() != null) {
      r.highlight().fields().forEach(f -> indexed(f, "highlight"));
    }
    if (r.snippet() != null) {
      indexed(r.snippet().field(), "snippet");
    }
    return r;
  }

  private int indexed(String field, String what) {
    int i = index.columnOf(field);
    if (i < 0) {
      throw new ValidationException(field, String.format(Locale.ROOT,
          "fts: %s field \"%s\" is not indexed by \"%s\" (indexed: %s)", what, field, index.fts(), index.fields()));
    }
    return i;
  }

  private SearchPage<T> run(QueryScope<T> scope, SearchRequest r) {
    Cursor after = r.after() == null ? null : Cursor.decode(r.after(), fingerprint(r));
    SqlFragment where = scope.where();
    String fts = q(index.fts());
    StringBuilder sql = new StringBuilder(256).append("SELECT ").append(scope.selectList()).append(", h.")
        .append(RANK).append(", h.").append(ROWID).append(" FROM ").append(q(index.source()))
        .append(" JOIN (SELECT rowid AS ").append(ROWID).append(", ").append(rankSql(r)).append(" AS ").append(RANK)
        .append(" FROM ").append(fts).append(" WHERE ").append(fts).append(" MATCH ?) AS h ON h.").append(ROWID)
        .append(" = ").append(q(index.source())).append('.').append(index.key()).append(" WHERE (")
        .append(where.sql()).append(')');
    List<Object> params = new ArrayList<>(where.params().size() + 6);
    params.add(r.query());
    params.addAll(where.params());
    if (after != null) {
      sql.append(" AND (h.").append(RANK).append(" > ? OR (h.").append(RANK).append(" = ? AND h.").append(ROWID)
          .append(" > ?))");
      params.add(after.rank);
      params.add(after.rank);
      params.add(after.rowid);
    }
    sql.append(" ORDER BY h.").append(RANK).append(", h.").append(ROWID).append(" LIMIT ? OFFSET ?");
    params.add(r.limit() + 1L);
    params.add(r.offset());
    // The select list is every column of the table, in declaration order.
    int width = reads.table().columns().size();
    String pageSql = sql.toString();
    return scope.readSnapshot(s -> {
      List<Object[]> rows = new ArrayList<>();
      try {
        s.query(pageSql, params, rs -> {
          while (rs.next()) {
            rows.add(new Object[] {scope.entity(rs, 0), rs.getDouble(width), rs.getLong(width + 1)});
          }
          return null;
        });
      } catch (SQLException e) {
        throw invalidQueryOr(s, r.query(), e);
      }
      boolean more = rows.size() > r.limit();
      if (more) {
        rows.remove(rows.size() - 1);
      }
      Map<Long, String[]> extras = extras(s, r, rows);
      List<SearchHit<T>> hits = new ArrayList<>(rows.size());
      for (Object[] row : rows) {
        String[] x = extras.get((Long) row[2]);
        Map<String, String> hl = new LinkedHashMap<>();
        String snippet = null;
        if (x != null) {
          int i = 0;
          if (r.highlight() != null) {
            for (String f : r.highlight().fields()) {
              if (x[i] != null) {
                hl.put(f, x[i]);
              }
              i++;
            }
          }
          if (r.snippet() != null) {
            snippet = x[i];
          }
        }
        @SuppressWarnings("unchecked")
        T entity = (T) row[0];
        hits.add(new SearchHit<>(entity, (Double) row[1], hl, snippet));
      }
      String next = null;
      if (more) {
        Object[] last = rows.get(rows.size() - 1);
        next = new Cursor((Double) last[1], (Long) last[2]).encode(fingerprint(r));
      }
      return new SearchPage<>(hits, next);
    });
  }

  /** The highlight and snippet texts of the page's rows, by rowid; none asked for, no statement. */
  private Map<Long, String[]> extras(SqlSession s, SearchRequest r, List<Object[]> rows) throws SQLException {
    if (rows.isEmpty() || (r.highlight() == null && r.snippet() == null)) {
      return Map.of();
    }
    String fts = q(index.fts());
    StringBuilder sql = new StringBuilder("SELECT rowid");
    List<Object> params = new ArrayList<>();
    int n = 0;
    if (r.highlight() != null) {
      for (String f : r.highlight().fields()) {
        sql.append(", highlight(").append(fts).append(", ").append(indexed(f, "highlight")).append(", ?, ?)");
        params.add(r.highlight().open());
        params.add(r.highlight().close());
        n++;
      }
    }
    if (r.snippet() != null) {
      SearchRequest.Snippet sn = r.snippet();
      sql.append(", snippet(").append(fts).append(", ").append(indexed(sn.field(), "snippet")).append(", ?, ?, ?, ")
          .append(sn.tokens()).append(')');
      params.add(sn.open());
      params.add(sn.close());
      params.add(sn.ellipsis());
      n++;
    }
    sql.append(" FROM ").append(fts).append(" WHERE ").append(fts).append(" MATCH ? AND rowid IN (");
    params.add(r.query());
    for (int i = 0; i < rows.size(); i++) {
      sql.append(i == 0 ? "?" : ", ?");
      params.add(rows.get(i)[2]);
    }
    sql.append(')');
    int width = n;
    return s.query(sql.toString(), params, rs -> {
      Map<Long, String[]> out = new HashMap<>();
      while (rs.next()) {
        String[] x = new String[width];
        for (int i = 0; i < width; i++) {
          x[i] = rs.getString(i + 1);
        }
        out.put(rs.getLong(0), x);
      }
      return out;
    });
  }

  private String rankSql(SearchRequest r) {
    if (r.weights().isEmpty()) {
      return "bm25(" + q(index.fts()) + ")";
    }
    StringBuilder sb = new StringBuilder("bm25(").append(q(index.fts()));
    for (String f : index.fields()) {
      // Finite, non-negative doubles (checked by the request) print as plain SQL numeric literals.
      sb.append(", ").append(Double.toString(r.weights().getOrDefault(f, 1.0)));
    }
    return sb.append(')').toString();
  }

  /**
   * Tells a query FTS5 cannot parse from any other failure: the same MATCH alone fails too. Then it is the
   * caller's input, a validation error with SQLite's own message; otherwise the failure is not the query's.
   */
  private RuntimeException invalidQueryOr(SqlSession s, String query, SQLException original) {
    String fts = q(index.fts());
    try {
      s.query("SELECT rowid FROM " + fts + " WHERE " + fts + " MATCH ? LIMIT 1", List.of(query), rs -> rs.next());
    } catch (SQLException probe) {
      return new ValidationException("query", "fts: invalid full-text query: " + sqliteMessage(probe), probe);
    }
    return sneaky(original);
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> RuntimeException sneaky(Throwable e) throws E {
    // The SQLException goes back to the driver unchanged, which translates it like any other failure.
    throw (E) e;
  }

  static String sqliteMessage(SQLException e) {
    String m = String.valueOf(e.getMessage());
    Matcher matcher = SQLITE_MESSAGE.matcher(m);
    return matcher.matches() ? matcher.group(1) : m;
  }

  private String fingerprint(SearchRequest r) {
    return Integer.toHexString(Objects.hash(index.fts(), r.query(), new java.util.TreeMap<>(r.weights())));
  }

  private static String q(String identifier) {
    return '"' + identifier + '"';
  }

  /** A keyset position: the last hit's rank and rowid, bound to the query it came from. */
  private record Cursor(double rank, long rowid) {
    String encode(String fingerprint) {
      String text = "fts1:" + Long.toHexString(Double.doubleToRawLongBits(rank)) + ":" + rowid + ":" + fingerprint;
      return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String cursor, String fingerprint) {
      String[] parts;
      try {
        parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", -1);
      } catch (IllegalArgumentException e) {
        throw new InvalidCursorException("fts: malformed search cursor", e);
      }
      if (parts.length != 4 || !parts[0].equals("fts1")) {
        throw new InvalidCursorException("fts: malformed search cursor");
      }
      if (!parts[3].equals(fingerprint)) {
        throw new InvalidCursorException("fts: the cursor belongs to another search (query or weights differ)");
      }
      try {
        double rank = Double.longBitsToDouble(Long.parseUnsignedLong(parts[1], 16));
        if (!Double.isFinite(rank)) {
          throw new InvalidCursorException("fts: malformed search cursor");
        }
        return new Cursor(rank, Long.parseLong(parts[2]));
      } catch (NumberFormatException e) {
        throw new InvalidCursorException("fts: malformed search cursor", e);
      }
    }
  }
}
