package io.sqlitekit.dqlite.client;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import javax.net.ServerSocketFactory;

/**
 * A small in-JVM dqlite node for unit tests: speaks wire protocol v1 (handshake, LEADER, CLIENT, OPEN,
 * PREPARE, EXEC, QUERY, FINALIZE, EXEC_SQL, QUERY_SQL, INTERRUPT, CLUSTER) with its own encoder and
 * decoder, written from the protocol description independently of the client's, so a symmetric bug in the
 * client would not cancel out. SQL is not interpreted: tests script the replies.
 *
 * <p>Like dqlite 1.11, it serves one request at a time per connection and, for a query, pushes every
 * {@code ROWS} batch before it reads the next request. With {@link #legacyParams} it reads parameter
 * tuples the way 1.11 does (schema byte ignored, one-byte count).
 */
final class FakeDqliteServer implements AutoCloseable {
  /** One decoded request. */
  record Req(int type, int schema, String sql, List<Integer> paramTypes, List<Object> params) {}

  /** A scripted reply to EXEC/QUERY. */
  sealed interface Reply permits Result, Rows, Failure, Stall, HangUp {}

  record Result(long lastInsertId, long rowsAffected) implements Reply {}

  /** Rows; {@code failAfterBatches >= 0} sends that many batches, then a FAILURE. */
  record Rows(List<String> columns, List<List<Object[]>> rows, int failAfterBatches) implements Reply {
    Rows(List<String> columns, List<List<Object[]>> rows) {
      this(columns, rows, -1);
    }
  }

  record Failure(long code, String message) implements Reply {}

  /** Never answer (the connection stays open). */
  record Stall() implements Reply {}

  /** Close the socket without answering. */
  record HangUp() implements Reply {}

  private final ServerSocket server;
  final String address;
  final List<Req> log = new CopyOnWriteArrayList<>();
  final List<Long> handshakes = new CopyOnWriteArrayList<>();
  final AtomicInteger connections = new AtomicInteger();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final CountDownLatch closedLatch = new CountDownLatch(1);

  volatile String leader;
  volatile long leaderId = 1;
  volatile boolean legacyParams;
  volatile boolean stallLeader;
  volatile int rowsPerBatch = 100;
  volatile Failure openFailure;
  volatile List<Object[]> clusterNodes = List.of();
  volatile BiFunction<String, List<Object>, Reply> onExec = (sql, p) -> new Result(0, 0);
  /** Query replies; null (the default) echoes the parameters as one row, each with its arrival type code. */
  volatile BiFunction<String, List<Object>, Reply> onQuery = (sql, p) -> null;

  FakeDqliteServer() throws IOException {
    this(ServerSocketFactory.getDefault());
  }

  FakeDqliteServer(ServerSocketFactory factory) throws IOException {
    server = factory.createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    address = "127.0.0.1:" + server.getLocalPort();
    leader = address;
    Thread t = new Thread(this::acceptLoop, "fake-dqlite-accept-" + server.getLocalPort());
    t.setDaemon(true);
    t.start();
  }

  static Object[] v(int type, Object value) {
    return new Object[] {type, value};
  }

  List<Req> requests(int type) {
    List<Req> out = new ArrayList<>();
    for (Req r : log) {
      if (r.type() == type) {
        out.add(r);
      }
    }
    return out;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        sockets.add(s);
        connections.incrementAndGet();
        Thread t = new Thread(() -> serve(s), "fake-dqlite-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      DataInputStream in = new DataInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      handshakes.add(le(readN(in, 8)).getLong());
      Map<Integer, String> stmts = new HashMap<>();
      int nextStmt = 0;
      while (true) {
        ByteBuffer h = le(readN(in, 8));
        long words = h.getInt() & 0xFFFFFFFFL;
        int type = h.get() & 0xFF;
        int schema = h.get() & 0xFF;
        ByteBuffer b = le(readN(in, (int) (words * 8)));
        switch (type) {
          case 0 -> { // LEADER
            b.getLong();
            log.add(new Req(type, schema, null, List.of(), List.of()));
            if (stallLeader) {
              closedLatch.await();
              return;
            }
            send(out, 1, new Out().u64(leaderId).text(leader));
          }
          case 1 -> { // CLIENT
            b.getLong();
            log.add(new Req(type, schema, null, List.of(), List.of()));
            send(out, 2, new Out().u64(15_000));
          }
          case 3 -> { // OPEN
            String name = text(b);
            b.getLong();
            String vfs = text(b);
            log.add(new Req(type, schema, name + "|" + vfs, List.of(), List.of()));
            Failure f = openFailure;
            if (f != null) {
              send(out, 0, new Out().u64(f.code()).text(f.message()));
            } else {
              send(out, 4, new Out().u32(0).u32(0));
            }
          }
          case 4 -> { // PREPARE
            b.getLong();
            String sql = text(b);
            log.add(new Req(type, schema, sql, List.of(), List.of()));
            if (sql.startsWith("BAD")) {
              send(out, 0, new Out().u64(1).text("near \"BAD\": syntax error"));
            } else {
              int id = nextStmt++;
              stmts.put(id, sql);
              send(out, 5, new Out().u32(0).u32(id).u64(sql.chars().filter(c -> c == '?').count()));
            }
          }
          case 5, 6, 8, 9 -> { // EXEC, QUERY, EXEC_SQL, QUERY_SQL
            String sql;
            if (type == 5 || type == 6) {
              b.getInt();
              int id = b.getInt();
              sql = stmts.get(id);
              if (sql == null) {
                send(out, 0, new Out().u64(12).text("no statement with the given id"));
                continue;
              }
            } else {
              b.getLong();
              sql = text(b);
            }
            List<Integer> types = new ArrayList<>();
            List<Object> params = new ArrayList<>();
            boolean parsed = params(b, legacyParams ? 0 : schema, types, params);
            log.add(new Req(type, schema, sql, types, params));
            if (!parsed) {
              send(out, 0, new Out().u64(1005).text("bind parameters"));
              continue;
            }
            boolean query = type == 6 || type == 9;
            Reply reply = query ? onQuery.apply(sql, params) : onExec.apply(sql, params);
            if (reply == null) {
              List<Object[]> row = new ArrayList<>();
              for (int i = 0; i < params.size(); i++) {
                row.add(v(types.get(i), params.get(i)));
              }
              List<String> cols = new ArrayList<>();
              for (int i = 0; i < params.size(); i++) {
                cols.add("p" + (i + 1));
              }
              reply = new Rows(cols, List.of(row));
            }
            if (!reply(out, reply, query)) {
              return;
            }
          }
          case 7 -> { // FINALIZE
            b.getInt();
            int id = b.getInt();
            log.add(new Req(type, schema, stmts.get(id), List.of(), List.of()));
            if (stmts.remove(id) == null) {
              send(out, 0, new Out().u64(12).text("no statement with the given id"));
            } else {
              send(out, 8, new Out().u64(0));
            }
          }
          case 10 -> { // INTERRUPT
            b.getLong();
            log.add(new Req(type, schema, null, List.of(), List.of()));
            send(out, 8, new Out().u64(0));
          }
          case 16 -> { // CLUSTER
            long format = b.getLong();
            log.add(new Req(type, schema, "format=" + format, List.of(), List.of()));
            Out o = new Out().u64(clusterNodes.size());
            for (Object[] n : clusterNodes) {
              o.u64((Long) n[0]).text((String) n[1]).u64((Long) n[2]);
            }
            send(out, 3, o);
          }
          default -> {
            return; // dqlite drops a connection that sends garbage
          }
        }
      }
    } catch (IOException | InterruptedException e) {
      // Client went away or the test closed the server.
    }
  }

  /** Sends the reply; returns false if the connection should end. */
  private boolean reply(OutputStream out, Reply reply, boolean query) throws IOException,
      InterruptedException {
    if (reply instanceof Stall) {
      closedLatch.await();
      return false;
    }
    if (reply instanceof HangUp) {
      return false;
    }
    if (reply instanceof Failure f) {
      send(out, 0, new Out().u64(f.code()).text(f.message()));
      return true;
    }
    if (reply instanceof Result r) {
      send(out, 6, new Out().u64(r.lastInsertId()).u64(r.rowsAffected()));
      return true;
    }
    Rows rows = (Rows) reply;
    List<Object[]> all = new ArrayList<>();
    for (List<Object[]> row : rows.rows()) {
      all.add(row.toArray());
    }
    int per = Math.max(1, rowsPerBatch);
    int batch = 0;
    int i = 0;
    do {
      if (rows.failAfterBatches() >= 0 && batch == rows.failAfterBatches()) {
        send(out, 0, new Out().u64(11).text("database disk image is malformed"));
        return true;
      }
      Out o = new Out().u64(rows.columns().size());
      for (String c : rows.columns()) {
        o.text(c);
      }
      int end = Math.min(all.size(), i + per);
      for (; i < end; i++) {
        row(o, all.get(i));
      }
      o.u64(i < all.size() ? 0xEEEEEEEEEEEEEEEEL : 0xFFFFFFFFFFFFFFFFL);
      send(out, 7, o);
      batch++;
    } while (i < all.size());
    return true;
  }

  private static void row(Out o, Object[] cells) {
    int n = cells.length;
    byte[] header = new byte[(n + 1) / 2];
    for (int c = 0; c < n; c++) {
      int code = (Integer) ((Object[]) cells[c])[0];
      header[c / 2] |= (byte) (c % 2 == 0 ? code : code << 4);
    }
    o.bytes(header).pad();
    for (Object cell : cells) {
      Object[] tv = (Object[]) cell;
      int code = (Integer) tv[0];
      Object val = tv[1];
      switch (code) {
        case 1, 9 -> o.u64((Long) val);
        case 2 -> o.u64(Double.doubleToRawLongBits((Double) val));
        case 3, 10 -> o.text((String) val);
        case 4 -> o.u64(((byte[]) val).length).bytes((byte[]) val).pad();
        case 5 -> o.u64(0);
        case 11 -> o.u64((Boolean) val ? 1 : 0);
        default -> throw new IllegalArgumentException("type " + code);
      }
    }
  }

  /** Decodes a parameter tuple; false if a type code is unknown (dqlite answers DQLITE_PARSE). */
  private static boolean params(ByteBuffer b, int schema, List<Integer> types, List<Object> params) {
    if (!b.hasRemaining()) {
      return true;
    }
    int countBytes = schema == 1 ? 4 : 1;
    long n = schema == 1 ? b.getInt() & 0xFFFFFFFFL : b.get() & 0xFF;
    int headerBytes = (int) (((n + countBytes + 7) / 8) * 8 - countBytes);
    if (headerBytes > b.remaining()) {
      return false;
    }
    byte[] header = new byte[headerBytes];
    b.get(header);
    for (int i = 0; i < n; i++) {
      int code = header[i] & 0xFF;
      types.add(code);
      switch (code) {
        case 1 -> params.add(b.getLong());
        case 2 -> params.add(Double.longBitsToDouble(b.getLong()));
        case 3, 10 -> params.add(text(b));
        case 4 -> {
          byte[] blob = new byte[(int) b.getLong()];
          b.get(blob);
          b.position((b.position() + 7) & -8);
          params.add(blob);
        }
        case 5 -> {
          b.getLong();
          params.add(null);
        }
        case 11 -> params.add(b.getLong() != 0);
        default -> {
          return false;
        }
      }
    }
    return true;
  }

  private static String text(ByteBuffer b) {
    int start = b.position();
    int end = start;
    while (b.get(end) != 0) {
      end++;
    }
    String s = new String(b.array(), start, end - start, StandardCharsets.UTF_8);
    b.position((end + 1 + 7) & -8);
    return s;
  }

  private static byte[] readN(DataInputStream in, int n) throws IOException {
    byte[] b = new byte[n];
    try {
      in.readFully(b);
    } catch (EOFException e) {
      throw new IOException("client closed", e);
    }
    return b;
  }

  private static ByteBuffer le(byte[] b) {
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static void send(OutputStream out, int type, Out body) throws IOException {
    byte[] payload = body.toByteArray();
    // One write per message: header and body in separate writes would meet Nagle and delayed ACKs.
    ByteBuffer m = ByteBuffer.allocate(8 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
    m.putInt(payload.length / 8).put((byte) type).put((byte) 0).putShort((short) 0).put(payload);
    out.write(m.array());
    out.flush();
  }

  /** Drops every open client connection (the server keeps accepting). */
  void dropConnections() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
  }

  @Override
  public void close() throws IOException {
    closedLatch.countDown();
    server.close();
    dropConnections();
  }

  /** Little-endian body builder. */
  static final class Out {
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

    Out u32(long v) {
      for (int i = 0; i < 4; i++) {
        buf.write((int) (v >>> (8 * i)));
      }
      return this;
    }

    Out u64(long v) {
      for (int i = 0; i < 8; i++) {
        buf.write((int) (v >>> (8 * i)));
      }
      return this;
    }

    Out bytes(byte[] b) {
      buf.write(b, 0, b.length);
      return this;
    }

    Out text(String s) {
      bytes(s.getBytes(StandardCharsets.UTF_8));
      buf.write(0);
      return pad();
    }

    Out pad() {
      while (buf.size() % 8 != 0) {
        buf.write(0);
      }
      return this;
    }

    byte[] toByteArray() {
      return buf.toByteArray();
    }
  }

  static List<Object[]> rowOf(Object[]... cells) {
    return Collections.unmodifiableList(List.of(cells));
  }
}
