package io.sqlitekit.dqlite.client;

import io.sqlitekit.dqlite.client.internal.MessageReader;
import io.sqlitekit.dqlite.client.internal.ProtocolException;
import io.sqlitekit.dqlite.client.internal.Wire;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The rows of one query, streamed: the server sends them in batches ({@code ROWS} messages of about a
 * page each, the last one marked done), pushing the next batch without being asked, and this object reads
 * a batch when {@link #next()} has used up the previous one.
 *
 * <p>Reading to the end frees the connection. {@link #close()} before the end sends {@code INTERRUPT} and
 * discards what the server still sends until it acknowledges, so the connection can be used again. Until
 * then the connection accepts no other request. Use with try-with-resources:
 *
 * <pre>{@code
 * try (DqliteRows rows = conn.query("SELECT id, name FROM t")) {
 *   while (rows.next()) {
 *     long id = rows.getLong(0);
 *     String name = rows.isNull(1) ? null : rows.getString(1);
 *   }
 * }
 * }</pre>
 *
 * <p>Values: {@link #get(int)} returns {@code Long}, {@code Double}, {@code String}, {@code byte[]},
 * {@code null} or {@code Boolean} according to {@link #type(int)}; see {@link DqliteType} for the lossy
 * date/time and boolean codes the server picks for declared column types.
 *
 * <p>Threading: belongs to its connection's thread, like the connection.
 *
 * @since 0.1.0
 */
public final class DqliteRows implements AutoCloseable {
  private final DqliteConnection conn;
  private final List<String> columns;
  private final DqliteType[] types;
  private final Object[] values;
  private boolean onRow;
  private boolean done;
  private boolean closed;
  private int batches = 1;
  private long rowCount;

  DqliteRows(DqliteConnection conn, MessageReader first) throws ProtocolException {
    this.conn = conn;
    this.columns = readColumns(first, -1);
    this.types = new DqliteType[columns.size()];
    this.values = new Object[columns.size()];
  }

  private static List<String> readColumns(MessageReader r, int expected) throws ProtocolException {
    long n = r.u64();
    if (n < 0 || n > r.remaining()) {
      throw new ProtocolException("column count " + n + " does not fit the message");
    }
    if (expected >= 0 && n != expected) {
      throw new ProtocolException("a later ROWS batch has " + n + " columns, the first had " + expected);
    }
    List<String> names = new ArrayList<>((int) n);
    for (long i = 0; i < n; i++) {
      names.add(r.text());
    }
    return Collections.unmodifiableList(names);
  }

  /**
   * The column names, in order.
   *
   * @return the names
   */
  public List<String> columnNames() {
    return columns;
  }

  /**
   * The number of columns.
   *
   * @return the count
   */
  public int columnCount() {
    return columns.size();
  }

  /**
   * Moves to the next row, reading the next batch from the server when needed.
   *
   * @return true if there is a row, false at the end (the connection is then free)
   * @throws IllegalStateException if closed, or the connection is used by another thread
   * @throws DqliteFailureException if the query failed while producing a later batch (the connection
   *     stays usable)
   * @throws DqliteConnectionException if the socket failed or the batch missed the call deadline
   */
  public boolean next() {
    conn.enter();
    try {
      return advance();
    } finally {
      conn.exit();
    }
  }

  private boolean advance() {
    if (closed) {
      throw new IllegalStateException("DqliteRows is closed");
    }
    onRow = false;
    if (done) {
      return false;
    }
    conn.ensureUsable();
    try {
      while (true) {
        MessageReader r = conn.transport().body();
        long word = r.peekU64();
        if (word == Wire.ROWS_DONE) {
          r.skip(Wire.WORD);
          finish();
          return false;
        }
        if (word == Wire.ROWS_PART) {
          r.skip(Wire.WORD);
          nextBatch();
          continue;
        }
        if (types.length == 0) {
          throw new ProtocolException("a row in a result without columns");
        }
        readRow(r);
        onRow = true;
        rowCount++;
        return true;
      }
    } catch (ProtocolException e) {
      done = true;
      throw conn.fail(e, true, "reading rows");
    }
  }

  private void nextBatch() throws ProtocolException {
    int type;
    try {
      type = conn.receive(conn.deadline(), "QUERY (next batch of rows)");
    } catch (DqliteFailureException e) {
      // The server gave up mid-stream; the query is over and the connection is free.
      finish();
      throw e;
    } catch (DqliteException e) {
      done = true;
      throw e;
    }
    if (type != Wire.RESPONSE_ROWS) {
      throw new ProtocolException("expected a ROWS batch, got message type " + type);
    }
    batches++;
    readColumns(conn.transport().body(), types.length);
  }

  private void readRow(MessageReader r) throws ProtocolException {
    int n = types.length;
    int headerStart = r.position();
    for (int i = 0; i < n; i++) {
      int b = r.peekU8(headerStart + i / 2);
      int code = (i % 2 == 0) ? b & 0x0F : b >>> 4;
      types[i] = typeOf(code);
    }
    r.skip(Wire.pad((n + 1) / 2));
    for (int i = 0; i < n; i++) {
      switch (types[i]) {
        case INTEGER, UNIXTIME -> values[i] = r.u64();
        case FLOAT -> values[i] = r.f64();
        case TEXT, ISO8601 -> values[i] = r.text();
        case BLOB -> values[i] = r.blob();
        case NULL -> {
          r.u64();
          values[i] = null;
        }
        case BOOLEAN -> values[i] = r.u64() != 0;
        default -> throw new ProtocolException("type " + types[i] + " in a row");
      }
    }
  }

  private static DqliteType typeOf(int code) throws ProtocolException {
    try {
      return DqliteType.ofCode(code);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("unknown value type code " + code + " in a row header");
    }
  }

  private void finish() {
    done = true;
    conn.rowsFinished(this);
  }

  private void checkRow(int column) {
    if (closed) {
      throw new IllegalStateException("DqliteRows is closed");
    }
    if (!onRow) {
      throw new IllegalStateException("no current row: call next() and check that it returned true");
    }
    if (column < 0 || column >= types.length) {
      throw new IndexOutOfBoundsException(String.format(Locale.ROOT,
          "column %d outside 0..%d", column, types.length - 1));
    }
  }

  /**
   * The protocol type of a value in the current row.
   *
   * @param column 0-based column index
   * @return the type
   * @throws IllegalStateException if there is no current row
   * @throws IndexOutOfBoundsException if the column does not exist
   */
  public DqliteType type(int column) {
    checkRow(column);
    return types[column];
  }

  /**
   * A value of the current row as a Java object ({@code byte[]} values are the row's own copy).
   *
   * @param column 0-based column index
   * @return the value, null for SQL NULL
   * @throws IllegalStateException if there is no current row
   * @throws IndexOutOfBoundsException if the column does not exist
   */
  public Object get(int column) {
    checkRow(column);
    return values[column];
  }

  /**
   * Whether a value of the current row is SQL NULL ({@link DqliteType#NULL}).
   *
   * @param column 0-based column index
   * @return true for NULL
   * @throws IllegalStateException if there is no current row
   * @throws IndexOutOfBoundsException if the column does not exist
   */
  public boolean isNull(int column) {
    return type(column) == DqliteType.NULL;
  }

  /**
   * An integer value ({@code INTEGER}, {@code UNIXTIME}, or {@code BOOLEAN} as 1/0).
   *
   * @param column 0-based column index
   * @return the value
   * @throws IllegalStateException if there is no current row or the value is of another type (NULL
   *     included)
   * @throws IndexOutOfBoundsException if the column does not exist
   */
  public long getLong(int column) {
    Object v = get(column);
    if (v instanceof Long l) {
      return l;
    }
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    throw wrongType(column, "an integer");
  }

  /**
   * A floating-point value ({@code FLOAT}, or an integer widened).
   *
   * @param column 0-based column index
   * @return the value
   * @throws IllegalStateException if there is no current row or the value is not numeric
   * @throws IndexOutOfBoundsException if the column does not exist
   */
  public double getDouble(int column) {
    Object v = get(column);
    if (v instanceof Double d) {
      return d;
    }
    if (v instanceof Long l) {
      return l;
    }
    throw wrongType(column, "a number");
  }

  /**
   * A text value ({@code TEXT} or {@code ISO8601}).
   *
   * @param column 0-based column index
   * @return the text
   * @throws IllegalStateException if there is no current row or the value is not text
   * @throws IndexOutOfBoundsException if the column does not exist
   */
  public String getString(int column) {
    Object v = get(column);
    if (v instanceof String s) {
      return s;
    }
    throw wrongType(column, "text");
  }

  /**
   * A blob value, as a fresh copy.
   *
   * @param column 0-based column index
   * @return the bytes
   * @throws IllegalStateException if there is no current row or the value is not a blob
   * @throws IndexOutOfBoundsException if the column does not exist
   */
  public byte[] getBytes(int column) {
    Object v = get(column);
    if (v instanceof byte[] b) {
      return b.clone();
    }
    throw wrongType(column, "a blob");
  }

  /**
   * A boolean value from a {@code BOOLEAN} column, or an integer read as non-zero.
   *
   * @param column 0-based column index
   * @return the value
   * @throws IllegalStateException if there is no current row or the value is neither
   * @throws IndexOutOfBoundsException if the column does not exist
   */
  public boolean getBoolean(int column) {
    Object v = get(column);
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Long l) {
      return l != 0;
    }
    throw wrongType(column, "a boolean");
  }

  private IllegalStateException wrongType(int column, String wanted) {
    return new IllegalStateException(String.format(Locale.ROOT, "column %d ('%s') is %s, not %s", column,
        columns.get(column), types[column], wanted));
  }

  /**
   * A copy of the current row.
   *
   * @return the row
   * @throws IllegalStateException if there is no current row
   */
  public DqliteRow row() {
    if (types.length > 0) {
      checkRow(0);
    } else if (!onRow) {
      throw new IllegalStateException("no current row");
    }
    return new DqliteRow(columns, Arrays.asList(types.clone()), Arrays.asList(values.clone()));
  }

  /**
   * Reads the remaining rows and closes this object.
   *
   * @return the rows not yet read, in order
   * @throws IllegalStateException if closed, or the connection is used by another thread
   * @throws DqliteFailureException if the query failed while producing a later batch
   * @throws DqliteConnectionException if the socket failed or a batch missed the call deadline
   */
  public List<DqliteRow> toList() {
    List<DqliteRow> out = new ArrayList<>();
    conn.enter();
    try {
      while (advance()) {
        out.add(new DqliteRow(columns, Arrays.asList(types.clone()), Arrays.asList(values.clone())));
      }
      closed = true;
    } finally {
      conn.exit();
    }
    return out;
  }

  /**
   * How many {@code ROWS} batches have arrived so far (diagnostics: large results span many).
   *
   * @return at least 1
   */
  public int batches() {
    return batches;
  }

  /**
   * How many rows {@link #next()} has returned so far.
   *
   * @return the count
   */
  public long rowsRead() {
    return rowCount;
  }

  /**
   * Whether the server has sent the last batch.
   *
   * @return true when all rows have been received
   */
  public boolean isDone() {
    return done;
  }

  /**
   * Closes the rows. Before the end of the result this interrupts the query ({@code INTERRUPT}) and waits,
   * within the call deadline, until the server acknowledges, discarding rows still in flight. Idempotent.
   *
   * @throws IllegalStateException if the connection is used by another thread
   * @throws DqliteConnectionException if the interrupt failed; the connection is then closed
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    conn.enter();
    try {
      closed = true;
      if (done || !conn.isOpen()) {
        done = true;
        conn.rowsFinished(this);
        return;
      }
      MessageReader r = conn.transport().body();
      try {
        if (r.remaining() >= Wire.WORD && r.peekU64() == Wire.ROWS_DONE) {
          finish();
          return;
        }
      } catch (ProtocolException e) {
        throw conn.fail(e, true, "closing rows");
      }
      done = true;
      conn.interrupt();
      conn.rowsFinished(this);
    } finally {
      conn.exit();
    }
  }
}
