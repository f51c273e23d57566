package io.sqlitekit.dqlite.client;

import io.sqlitekit.dqlite.client.internal.MessageReader;
import io.sqlitekit.dqlite.client.internal.MessageWriter;
import io.sqlitekit.dqlite.client.internal.ProtocolException;
import io.sqlitekit.dqlite.client.internal.SqlText;
import io.sqlitekit.dqlite.client.internal.Transport;
import io.sqlitekit.dqlite.client.internal.Wire;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One connection to the cluster's leader with one database open on it. Obtain it from
 * {@link DqliteClient#connect(String)}; close it when done.
 *
 * <p><b>Statements.</b> {@link #exec} and {@link #query} prepare each distinct SQL text once
 * ({@code PREPARE}) and keep the statement in a per-connection LRU cache; the least recently used one is
 * finalized on the server ({@code FINALIZE}) when the cache is full. The number of parameters must match
 * the statement's (dqlite keeps old bindings on a reused statement, so a short list would silently reuse
 * the previous call's values). Text with several statements ({@code BEGIN; …; COMMIT}) runs through
 * {@code EXEC_SQL} and takes no parameters, because the server binds them to the first statement only.
 * With a cache size of 0, every statement goes as text ({@code EXEC_SQL}/{@code QUERY_SQL}).
 *
 * <p><b>Transactions.</b> Transactions are bound to the connection ({@code BEGIN}/{@code COMMIT} as
 * statements). dqlite answers a write that meets another connection's write transaction with
 * {@code SQLITE_BUSY} at once; see {@link DqliteFailureException#isBusy()}. A leader change aborts an open
 * transaction.
 *
 * <p><b>Deadlines.</b> Every call has a deadline of {@link #callTimeout()} from the moment it is sent; a
 * query's later batches each get the same allowance when {@link DqliteRows#next()} needs them. A call that
 * misses it throws {@link DqliteTimeoutException} and closes the connection, because its protocol state is
 * unknown.
 *
 * <p><b>Threading.</b> Not thread-safe: one request may be in flight per connection (the server allows
 * nothing else), and while a {@link DqliteRows} is open no other request may be made on the connection
 * (close or finish it first). Use from two threads at once is detected and refused with
 * {@link IllegalStateException}. The exception is {@link #close()}, which any thread may call to abort a
 * blocked call; that call then fails with {@link DqliteConnectionException}.
 *
 * <p><b>Failures.</b> A {@link DqliteFailureException} leaves the connection usable; any other
 * {@link DqliteException} closes it, and every later call throws {@link DqliteConnectionException} with
 * {@code requestSent() == false}.
 *
 * @since 0.1.0
 */
public final class DqliteConnection implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(DqliteConnection.class.getName());

  private final Transport transport;
  private final Settings settings;
  private final String database;
  private final int dbId;
  private final MessageWriter writer = new MessageWriter();
  private final LinkedHashMap<String, Statement> statements = new LinkedHashMap<>(16, 0.75f, true);
  private final AtomicReference<Thread> user = new AtomicReference<>();
  private Duration callTimeout;
  private DqliteRows openRows;
  private volatile boolean closed;
  private volatile DqliteException broken;
  /** 0 not probed yet, 1 the server reads wide parameter tuples, -1 it does not. */
  private int wideParams;

  private record Statement(int id, long params) {}

  DqliteConnection(Transport transport, Settings settings, String database, int dbId) {
    this.transport = transport;
    this.settings = settings;
    this.database = database;
    this.dbId = dbId;
    this.callTimeout = settings.callTimeout();
  }

  /**
   * The leader node this connection is to.
   *
   * @return its address, {@code host:port}
   */
  public String address() {
    return transport.address();
  }

  /**
   * The database opened on this connection.
   *
   * @return its name
   */
  public String database() {
    return database;
  }

  /**
   * The deadline given to each call, initially the client's call timeout.
   *
   * @return the current per-call timeout
   */
  public Duration callTimeout() {
    return callTimeout;
  }

  /**
   * Changes the deadline given to each following call (not to a call already running).
   *
   * @param timeout a positive duration
   * @throws NullPointerException if {@code timeout} is null
   * @throws IllegalArgumentException if not positive
   */
  public void setCallTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    this.callTimeout = timeout;
  }

  /**
   * Whether the connection can take requests: not closed and not broken by a failed call.
   *
   * @return true if usable
   */
  public boolean isOpen() {
    return !closed && broken == null;
  }

  /**
   * How many prepared statements the cache holds now.
   *
   * @return the count
   */
  public int cachedStatementCount() {
    return statements.size();
  }

  /**
   * Runs a statement that returns no rows (or whose rows are not wanted).
   *
   * @param sql one statement, or several separated by {@code ;} when there are no parameters
   * @param params the parameters, see {@link DqliteValue} for the accepted types
   * @return last insert id and rows affected
   * @throws NullPointerException if {@code sql} or the array is null
   * @throws IllegalArgumentException if the text has no statement, several statements with parameters, a
   *     parameter of an unsupported type, text with U+0000, or a parameter count that does not match
   * @throws IllegalStateException if the connection is closed, used by another thread, or has open rows
   * @throws DqliteFailureException if the server refused the statement
   * @throws DqliteUnsupportedException if more than 255 parameters are given to a server older than 1.12
   * @throws DqliteConnectionException if the socket failed or the deadline passed
   */
  public DqliteResult exec(String sql, Object... params) {
    Objects.requireNonNull(params, "params");
    return exec(sql, Arrays.asList(params));
  }

  /**
   * Runs a statement that returns no rows, as {@link #exec(String, Object...)}.
   *
   * @param sql one statement, or several separated by {@code ;} when there are no parameters
   * @param params the parameters (null elements are SQL NULL)
   * @return last insert id and rows affected
   * @throws NullPointerException if {@code sql} or the list is null
   * @throws IllegalArgumentException as for {@link #exec(String, Object...)}
   * @throws IllegalStateException as for {@link #exec(String, Object...)}
   * @throws DqliteFailureException if the server refused the statement
   * @throws DqliteUnsupportedException if more than 255 parameters are given to a server older than 1.12
   * @throws DqliteConnectionException if the socket failed or the deadline passed
   */
  public DqliteResult exec(String sql, List<?> params) {
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(params, "params");
    enter();
    try {
      ensureReady();
      Params p = Params.of(params);
      int count = SqlText.statementCount(sql);
      checkStatementCount(count, p, false);
      boolean wide = needsWide(p);
      if (count > 1 || settings.statementCacheSize() == 0) {
        writer.reset().putU64(dbId).putText(sql).putParams(p.types, p.values, wide)
            .finish(Wire.REQUEST_EXEC_SQL, wide ? Wire.PARAMS_SCHEMA_WIDE : Wire.PARAMS_SCHEMA_NARROW);
      } else {
        Statement st = prepare(sql, p);
        writer.reset().putU32(dbId).putU32(st.id).putParams(p.types, p.values, wide)
            .finish(Wire.REQUEST_EXEC, wide ? Wire.PARAMS_SCHEMA_WIDE : Wire.PARAMS_SCHEMA_NARROW);
      }
      long deadline = deadline();
      int type = call(deadline, "EXEC");
      expect(type, Wire.RESPONSE_RESULT, "EXEC");
      MessageReader r = transport.body();
      try {
        return new DqliteResult(r.u64(), r.u64());
      } catch (ProtocolException e) {
        throw fail(e, true, "reading RESULT");
      }
    } finally {
      exit();
    }
  }

  /**
   * Runs a query and returns its rows as a stream that must be closed. Rows arrive in batches; the first
   * one is read before this method returns.
   *
   * @param sql exactly one statement
   * @param params the parameters, see {@link DqliteValue}
   * @return the open rows
   * @throws NullPointerException if {@code sql} or the array is null
   * @throws IllegalArgumentException as for {@link #exec(String, Object...)}, and for several statements
   * @throws IllegalStateException as for {@link #exec(String, Object...)}
   * @throws DqliteFailureException if the server refused the query
   * @throws DqliteUnsupportedException if more than 255 parameters are given to a server older than 1.12
   * @throws DqliteConnectionException if the socket failed or the deadline passed
   */
  public DqliteRows query(String sql, Object... params) {
    Objects.requireNonNull(params, "params");
    return query(sql, Arrays.asList(params));
  }

  /**
   * Runs a query, as {@link #query(String, Object...)}.
   *
   * @param sql exactly one statement
   * @param params the parameters (null elements are SQL NULL)
   * @return the open rows
   * @throws NullPointerException if {@code sql} or the list is null
   * @throws IllegalArgumentException as for {@link #query(String, Object...)}
   * @throws IllegalStateException as for {@link #exec(String, Object...)}
   * @throws DqliteFailureException if the server refused the query
   * @throws DqliteUnsupportedException if more than 255 parameters are given to a server older than 1.12
   * @throws DqliteConnectionException if the socket failed or the deadline passed
   */
  public DqliteRows query(String sql, List<?> params) {
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(params, "params");
    enter();
    try {
      ensureReady();
      Params p = Params.of(params);
      checkStatementCount(SqlText.statementCount(sql), p, true);
      boolean wide = needsWide(p);
      if (settings.statementCacheSize() == 0) {
        writer.reset().putU64(dbId).putText(sql).putParams(p.types, p.values, wide)
            .finish(Wire.REQUEST_QUERY_SQL, wide ? Wire.PARAMS_SCHEMA_WIDE : Wire.PARAMS_SCHEMA_NARROW);
      } else {
        Statement st = prepare(sql, p);
        writer.reset().putU32(dbId).putU32(st.id).putParams(p.types, p.values, wide)
            .finish(Wire.REQUEST_QUERY, wide ? Wire.PARAMS_SCHEMA_WIDE : Wire.PARAMS_SCHEMA_NARROW);
      }
      int type = call(deadline(), "QUERY");
      expect(type, Wire.RESPONSE_ROWS, "QUERY");
      DqliteRows rows;
      try {
        rows = new DqliteRows(this, transport.body());
      } catch (ProtocolException e) {
        throw fail(e, true, "reading ROWS");
      }
      openRows = rows;
      return rows;
    } finally {
      exit();
    }
  }

  /**
   * Lists the cluster's nodes as this connection's node sees them ({@code CLUSTER}, format 1).
   *
   * @return the nodes with their roles
   * @throws IllegalStateException if the connection is closed, used by another thread, or has open rows
   * @throws DqliteConnectionException if the socket failed or the deadline passed
   */
  public List<DqliteNode> cluster() {
    enter();
    try {
      ensureReady();
      try {
        return cluster(transport, callTimeout);
      } catch (DqliteConnectionException | DqliteProtocolException e) {
        markBroken(e);
        throw e;
      }
    } finally {
      exit();
    }
  }

  /**
   * Whether the server reads parameter tuples with a four-byte count (request schema 1, dqlite 1.12 and
   * later), which more than 255 parameters need. Found out once per connection with a harmless
   * {@code SELECT ?}: an older server ignores the schema byte, reads the count as one byte and fails to
   * parse the tuple, so the probe never binds anything wrong.
   *
   * @return true if more than 255 parameters can be sent
   * @throws IllegalStateException if the connection is closed, used by another thread, or has open rows
   * @throws DqliteConnectionException if the socket failed or the deadline passed
   */
  public boolean supportsWideParameters() {
    enter();
    try {
      ensureReady();
      return probeWide();
    } finally {
      exit();
    }
  }

  /**
   * Closes the socket. The server then drops the connection's statements and rolls back an open
   * transaction. Idempotent; safe from any thread, where it aborts a call in progress.
   */
  @Override
  public void close() {
    closed = true;
    transport.close();
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "DqliteConnection[%s/%s%s]", transport.address(), database,
        isOpen() ? "" : ", closed");
  }

  // ---------------------------------------------------------------------------------------------------
  // Internals shared with DqliteRows and DqliteClient.

  void enter() {
    Thread me = Thread.currentThread();
    if (!user.compareAndSet(null, me)) {
      Thread other = user.get();
      throw new IllegalStateException(other == me
          ? "DqliteConnection re-entered on the same thread"
          : "DqliteConnection is not thread-safe and is in use by thread '"
              + (other == null ? "?" : other.getName()) + "'");
    }
  }

  void exit() {
    user.set(null);
  }

  private void ensureReady() {
    ensureUsable();
    if (openRows != null) {
      throw new IllegalStateException(
          "a DqliteRows is still open on this connection; read it to the end or close it first");
    }
  }

  void ensureUsable() {
    if (closed) {
      throw new IllegalStateException("DqliteConnection is closed");
    }
    DqliteException b = broken;
    if (b != null) {
      throw new DqliteConnectionException("connection to " + transport.address()
          + " is unusable after an earlier failure: " + b.getMessage(), transport.address(), false, b);
    }
  }

  private void checkStatementCount(int count, Params p, boolean query) {
    if (count == 0) {
      throw new IllegalArgumentException("the SQL text contains no statement");
    }
    if (count > 1 && query) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "a query must be one statement, the text has %d; dqlite would run only the first", count));
    }
    if (count > 1 && p.size() > 0) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "the SQL text has %d statements and %d parameters; dqlite binds parameters to the first "
              + "statement only, so send the statements one by one", count, p.size()));
    }
  }

  private boolean needsWide(Params p) {
    if (p.size() <= Wire.NARROW_MAX_PARAMS) {
      return false;
    }
    if (!probeWide()) {
      throw new DqliteUnsupportedException(String.format(Locale.ROOT,
          "%d parameters need dqlite 1.12 or later (wide parameter tuples); the server at %s reads at most "
              + "255, nothing was sent", p.size(), transport.address()), transport.address());
    }
    return true;
  }

  private boolean probeWide() {
    if (wideParams != 0) {
      return wideParams > 0;
    }
    writer.reset().putU64(dbId).putText("SELECT ?")
        .putParams(new byte[] {Wire.TYPE_INTEGER}, List.of(7L), true)
        .finish(Wire.REQUEST_QUERY_SQL, Wire.PARAMS_SCHEMA_WIDE);
    long deadline = deadline();
    try {
      transport.send(writer, deadline);
      int type = transport.receive(deadline);
      MessageReader r = transport.body();
      if (type == Wire.RESPONSE_FAILURE) {
        long code = r.u64();
        LOG.log(System.Logger.Level.DEBUG, "dqlite {0}: no wide parameter tuples (code {1}: {2})",
            transport.address(), code, r.text());
        wideParams = -1;
        return false;
      }
      if (type != Wire.RESPONSE_ROWS) {
        throw unexpected(type, "QUERY_SQL", transport.address(), true);
      }
      // One column, one row holding 7, then DONE: anything else means the server misread the tuple.
      long columns = r.u64();
      for (long i = 0; i < columns; i++) {
        r.text();
      }
      boolean ok = columns == 1 && r.u8() == Wire.TYPE_INTEGER;
      r.skip(7);
      ok = ok && r.u64() == 7L && r.u64() == Wire.ROWS_DONE;
      if (!ok) {
        throw new ProtocolException("the wide-parameter probe came back malformed");
      }
      wideParams = 1;
      return true;
    } catch (IOException e) {
      throw fail(e, true, "probing for wide parameter tuples");
    }
  }

  private Statement prepare(String sql, Params p) {
    Statement st = statements.get(sql);
    if (st == null) {
      if (statements.size() >= settings.statementCacheSize()) {
        Iterator<Map.Entry<String, Statement>> it = statements.entrySet().iterator();
        Statement eldest = it.next().getValue();
        it.remove();
        finalizeStatement(eldest);
      }
      writer.reset().putU64(dbId).putText(sql).finish(Wire.REQUEST_PREPARE, 0);
      int type = call(deadline(), "PREPARE");
      expect(type, Wire.RESPONSE_STMT, "PREPARE");
      MessageReader r = transport.body();
      try {
        r.u32();
        int id = (int) r.u32();
        long params = r.u64();
        st = new Statement(id, params);
      } catch (ProtocolException e) {
        throw fail(e, true, "reading STMT");
      }
      statements.put(sql, st);
    }
    if (st.params != p.size()) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "the statement has %d parameters, %d were given", st.params, p.size()));
    }
    return st;
  }

  private void finalizeStatement(Statement st) {
    writer.reset().putU32(dbId).putU32(st.id).finish(Wire.REQUEST_FINALIZE, 0);
    try {
      int type = call(deadline(), "FINALIZE");
      expect(type, Wire.RESPONSE_EMPTY, "FINALIZE");
    } catch (DqliteFailureException e) {
      // The server no longer knows the statement; there is nothing left to release.
      LOG.log(System.Logger.Level.DEBUG, "FINALIZE refused: {0}", e.getMessage());
    }
  }

  long deadline() {
    return System.nanoTime() + callTimeout.toNanos();
  }

  /** Sends the writer's request and reads the response type; FAILURE becomes an exception. */
  private int call(long deadline, String what) {
    try {
      transport.send(writer, deadline);
    } catch (IOException e) {
      throw fail(e, true, "sending " + what);
    }
    return receive(deadline, what);
  }

  /** Reads the next message; FAILURE becomes a {@link DqliteFailureException}. */
  int receive(long deadline, String what) {
    int type;
    try {
      type = transport.receive(deadline);
      if (type == Wire.RESPONSE_FAILURE) {
        throw failure(transport.body(), transport.address());
      }
    } catch (IOException e) {
      throw fail(e, true, "waiting for the answer to " + what);
    }
    return type;
  }

  /** Sends INTERRUPT and discards what comes until EMPTY; used by {@link DqliteRows#close()}. */
  void interrupt() {
    writer.reset().putU64(dbId).finish(Wire.REQUEST_INTERRUPT, 0);
    long deadline = deadline();
    try {
      transport.send(writer, deadline);
      while (true) {
        int type = transport.receive(deadline);
        if (type == Wire.RESPONSE_EMPTY) {
          return;
        }
        if (type != Wire.RESPONSE_ROWS && type != Wire.RESPONSE_FAILURE) {
          throw unexpected(type, "INTERRUPT", transport.address(), true);
        }
      }
    } catch (IOException e) {
      throw fail(e, true, "interrupting a query");
    }
  }

  void rowsFinished(DqliteRows rows) {
    if (openRows == rows) {
      openRows = null;
    }
  }

  Transport transport() {
    return transport;
  }

  private void expect(int type, int wanted, String what) {
    if (type != wanted) {
      DqliteProtocolException e = unexpected(type, what, transport.address(), true);
      markBroken(e);
      throw e;
    }
  }

  /** Marks the connection broken, closes the socket and translates the I/O failure. */
  DqliteException fail(IOException e, boolean sent, String doing) {
    DqliteException x = closed && !(e instanceof ProtocolException)
        ? new DqliteConnectionException("connection to " + transport.address() + " was closed while "
            + doing, transport.address(), sent, e)
        : translate(e, transport.address(), sent, doing);
    markBroken(x);
    return x;
  }

  private void markBroken(DqliteException e) {
    if (broken == null) {
      broken = e;
    }
    openRows = null;
    transport.close();
  }

  static DqliteException translate(IOException e, String address, boolean sent, String doing) {
    String outcome = sent ? "; the request may have been executed" : "";
    if (e instanceof SocketTimeoutException) {
      return new DqliteTimeoutException("deadline passed while " + doing + " on " + address + outcome,
          address, sent, e);
    }
    if (e instanceof ProtocolException) {
      return new DqliteProtocolException("protocol error from " + address + " while " + doing + ": "
          + e.getMessage(), address, sent, e);
    }
    return new DqliteConnectionException("connection to " + address + " failed while " + doing + ": " + e
        + outcome, address, sent, e);
  }

  static DqliteProtocolException unexpected(int type, String what, String address, boolean sent) {
    return new DqliteProtocolException(String.format(Locale.ROOT,
        "unexpected response type %d to %s from %s", type, what, address), address, sent, null);
  }

  static DqliteFailureException failure(MessageReader r, String address) throws ProtocolException {
    long code = r.u64();
    String message = r.text();
    return new DqliteFailureException((int) code, message, address);
  }

  static List<DqliteNode> cluster(Transport t, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    MessageWriter w = new MessageWriter().putU64(Wire.CLUSTER_FORMAT_V1).finish(Wire.REQUEST_CLUSTER, 0);
    try {
      int type = DqliteClient.exchange(t, w, deadline, "CLUSTER");
      if (type != Wire.RESPONSE_NODES) {
        throw unexpected(type, "CLUSTER", t.address(), true);
      }
      MessageReader r = t.body();
      long n = r.u64();
      if (n < 0 || n > r.remaining() / 24) {
        throw new ProtocolException("node count " + n + " does not fit the message");
      }
      List<DqliteNode> nodes = new ArrayList<>((int) n);
      for (long i = 0; i < n; i++) {
        long id = r.u64();
        String address = r.text();
        nodes.add(new DqliteNode(id, address, DqliteRole.ofCode(r.u64())));
      }
      return List.copyOf(nodes);
    } catch (IOException e) {
      t.close();
      throw translate(e, t.address(), true, "listing the cluster");
    }
  }
}
