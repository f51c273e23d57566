package io.sqlitekit.driver.d1.internal;

import io.sqlitekit.d1.client.D1BatchResult;
import io.sqlitekit.d1.client.D1Client;
import io.sqlitekit.d1.client.D1Exception;
import io.sqlitekit.d1.client.D1OutcomeUnknownException;
import io.sqlitekit.d1.client.D1Result;
import io.sqlitekit.d1.client.D1Statement;
import io.sqlitekit.spi.driver.RowReader;
import io.sqlitekit.spi.driver.SqlSession;
import io.sqlitekit.spi.driver.StatementEvent;
import io.sqlitekit.spi.driver.StatementListener;
import io.sqlitekit.spi.error.OperationNotSupportedException;
import io.sqlitekit.spi.error.ReadOnlyException;
import io.sqlitekit.spi.error.ValidationException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Internal, not API, may change. The {@link SqlSession} of one unit of work on D1. Every statement is one HTTP
 * request, which D1 runs as its own transaction.
 *
 * <p><b>The one-write rule.</b> D1 cannot hold a transaction across requests, so a unit of write work may send
 * at most <em>one</em> writing request (an {@link #update}, a writing {@link #query} such as
 * {@code INSERT … RETURNING}, one {@link #batch}, one {@link #atomic} or one {@link #executeScript}); reads
 * before and after it are free. A second writing statement is refused with {@link OperationNotSupportedException} before it is sent.
 * The rule makes every write unit either fully applied or not at all, as long as the work issues its writes
 * through one call; the kit itself refuses up front what would need several (transactions) and sends repository
 * batches as one {@link #atomic} script. A {@link #batch} and an {@link #atomic} call are one atomic D1 request.
 */
final class D1Session implements SqlSession {
  /** The state of one outermost unit of work, shared by the sessions of nested work on the same thread. */
  static final class Unit {
    final boolean writable;
    /** The first words of the writing statement already sent, or null. */
    String wrote;
    /** Whether a write was sent whose outcome is applied or unknown (after-commit actions must then run). */
    boolean applied;
    final List<Runnable> afterCommit = new ArrayList<>();
    final List<Runnable> afterCompletion = new ArrayList<>();

    Unit(boolean writable) {
      this.writable = writable;
    }
  }

  private final D1Client client;
  private final Unit unit;
  private final StatementListener listener;
  private boolean ended;

  D1Session(D1Client client, Unit unit, StatementListener listener) {
    this.client = client;
    this.unit = unit;
    this.listener = listener;
  }

  void end() {
    ended = true;
  }

  private void checkActive() {
    if (ended) {
      throw new IllegalStateException("session used after its work ended");
    }
  }

  @Override
  public <R> R query(String sql, List<?> params, RowReader<R> reader) throws SQLException {
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(reader, "reader");
    checkActive();
    boolean write = isWrite(sql);
    if (write) {
      beginWrite(sql);
    }
    return read(sql, StatementEvent.Kind.QUERY, params.size(), 1, () -> client.execute(sql, params), write, reader,
        params);
  }

  /** Sends one request, hands its (last) result's rows to the reader and reports the statement. */
  private <R> R read(String sql, StatementEvent.Kind kind, int paramCount, int executions, Supplier<D1Result> call,
      boolean write, RowReader<R> reader, List<?> params) throws SQLException {
    long t0 = System.nanoTime();
    D1Rows rows = null;
    Throwable failure = null;
    try {
      rows = new D1Rows(send(call, write));
      return reader.read(rows);
    } catch (SQLException | RuntimeException | Error e) {
      failure = e;
      throw e;
    } finally {
      long read = 0;
      if (rows != null) {
        read = rows.count();
        rows.close();
      }
      report(sql, kind, paramCount, executions, t0, read, failure, StatementEvent.captureValues(listener, params));
    }
  }

  @Override
  public long update(String sql, List<?> params) throws SQLException {
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(params, "params");
    checkActive();
    boolean write = isWrite(sql);
    if (write) {
      beginWrite(sql);
    }
    long t0 = System.nanoTime();
    long changes = 0;
    Throwable failure = null;
    try {
      changes = send(() -> client.execute(sql, params), write).changes();
      return changes;
    } catch (SQLException | RuntimeException | Error e) {
      failure = e;
      throw e;
    } finally {
      report(sql, StatementEvent.Kind.UPDATE, params.size(), 1, t0, changes, failure,
          StatementEvent.captureValues(listener, params));
    }
  }

  /**
   * Sends every row as one atomic D1 request. D1 may report only the last statement's result, so per-row counts
   * are known only for one row or for plain one-row INSERTs (each changes exactly one row when the request
   * succeeds); any other statement with several rows is refused before anything is sent.
   */
  @Override
  public long[] batch(String sql, List<? extends List<?>> rows) throws SQLException {
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(rows, "rows");
    checkActive();
    if (rows.isEmpty()) {
      return new long[0];
    }
    if (rows.size() == 1) {
      return new long[] {update(sql, rows.get(0))};
    }
    if (!SqlKind.isPlainInsert(sql)) {
      throw new OperationNotSupportedException(String.format(Locale.ROOT,
          "a batch of %d executions of %s is not supported on Cloudflare D1: an atomic D1 request reports only"
              + " its total changes, so per-row counts are known for plain one-row INSERTs only; nothing was sent",
          rows.size(), head(sql)));
    }
    beginWrite(sql);
    long t0 = System.nanoTime();
    long total = 0;
    Throwable failure = null;
    try {
      List<D1Statement> statements = new ArrayList<>(rows.size());
      for (List<?> r : rows) {
        statements.add(new D1Statement(sql, new ArrayList<>(r)));
      }
      D1BatchResult result = send(() -> client.batch(statements), true);
      total = result.totalChanges();
      long[] out = new long[rows.size()];
      if (result.perStatement()) {
        for (int i = 0; i < out.length; i++) {
          out[i] = result.results().get(i).changes();
        }
      } else {
        Arrays.fill(out, 1L);
      }
      return out;
    } catch (SQLException | RuntimeException | Error e) {
      failure = e;
      throw e;
    } finally {
      report(sql, StatementEvent.Kind.BATCH, rows.get(0).size(), rows.size(), t0, total, failure,
          StatementEvent.captureBatchValues(listener, rows));
    }
  }

  @Override
  public void executeScript(String script) throws SQLException {
    Objects.requireNonNull(script, "script");
    checkActive();
    beginWrite(script);
    long t0 = System.nanoTime();
    Throwable failure = null;
    try {
      // One request: the client sends the text as it is, D1 runs its statements in one transaction.
      send(() -> client.batch(List.of(new D1Statement(script, List.of()))), true);
    } catch (SQLException | RuntimeException | Error e) {
      failure = e;
      throw e;
    } finally {
      report(script, StatementEvent.Kind.SCRIPT, 0, 1, t0, 0, failure, List.of());
    }
  }

  /**
   * Sends every statement as one multi-statement D1 request, which D1 runs as one transaction: all applied or
   * none. It counts as the unit's one writing request; D1 answers with the last statement's rows only.
   */
  @Override
  public <R> R atomic(List<String> sql, List<? extends List<?>> params, RowReader<R> reader) throws SQLException {
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(reader, "reader");
    checkActive();
    if (sql.isEmpty() || sql.size() != params.size()) {
      throw new IllegalArgumentException("atomic needs at least one statement and one parameter list each");
    }
    String first = sql.get(0);
    beginWrite(first);
    List<D1Statement> statements = new ArrayList<>(sql.size());
    for (int i = 0; i < sql.size(); i++) {
      statements.add(new D1Statement(sql.get(i), new ArrayList<>(params.get(i))));
    }
    return read(first, StatementEvent.Kind.SCRIPT, 0, sql.size(), () -> client.batch(statements).last(), true,
        reader, List.of());
  }

  @Override
  public boolean writable() {
    return unit.writable;
  }

  /**
   * In a write unit anything that is not certainly a read counts as the unit's write (conservative for the
   * one-write rule); in a read unit only a certain write is refused, anything else goes to D1 and fails there
   * if it is not valid SQL.
   */
  private boolean isWrite(String sql) {
    return unit.writable ? !SqlKind.isRead(sql) : SqlKind.isKnownWrite(sql);
  }

  /** Applies the one-write rule before a writing statement is sent. */
  private void beginWrite(String sql) {
    if (!unit.writable) {
      throw new ReadOnlyException(String.format(Locale.ROOT,
          "%s: a read on Cloudflare D1 cannot write; use the driver's write()", head(sql)));
    }
    if (unit.wrote != null) {
      throw new OperationNotSupportedException(String.format(Locale.ROOT,
          "Cloudflare D1 has no interactive transactions: this unit of write work already sent one writing"
              + " statement (%s), which D1 committed on its own, so a second one (%s) cannot join it and was not"
              + " sent; issue the writes as one batch or as separate calls", unit.wrote, head(sql)));
    }
    unit.wrote = head(sql);
  }

  private <T> T send(Supplier<T> call, boolean write) throws SQLException {
    try {
      T result = call.get();
      if (write) {
        unit.applied = true;
      }
      return result;
    } catch (D1OutcomeUnknownException e) {
      unit.applied = true;
      throw new D1Failure(e);
    } catch (D1Exception e) {
      throw new D1Failure(e);
    } catch (IllegalArgumentException e) {
      // The client refuses what D1 cannot take (named parameters, a value D1 would change) before sending.
      throw new ValidationException(null, String.format(Locale.ROOT,
          "Cloudflare D1 cannot take this statement: %s", e.getMessage()), e);
    }
  }

  /** Values are empty unless the listener asked for them ({@link StatementEvent#captureValues}). */
  private void report(String sql, StatementEvent.Kind kind, int paramCount, int executions, long t0, long rows,
      Throwable failure, List<List<?>> values) {
    if (listener == null || !listener.active()) {
      return;
    }
    try {
      listener.onStatement(new StatementEvent(sql, kind, paramCount, executions, System.nanoTime() - t0, rows,
          failure, values));
    } catch (RuntimeException ignored) {
      // The listener's failure never changes the statement's outcome (StatementListener's contract).
    }
  }

  /** The statement's first words, for messages (never values: those are parameters). */
  static String head(String sql) {
    String t = sql.strip().replaceAll("\\s+", " ");
    return t.length() <= 60 ? t : t.substring(0, 60) + "…";
  }
}
