package io.sqlitekit.dqlite.client.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Internal, not API, may change: one socket to one dqlite node, speaking framed messages.
 *
 * <p>Deadlines: every operation takes an absolute deadline in {@link System#nanoTime()} terms. Reads set
 * the socket timeout to what is left before each blocking read, so a silent server costs at most the
 * deadline. Java sockets have no write timeout, so a write is guarded by a watchdog that closes the socket
 * when the deadline passes (a server that stopped reading would otherwise block a large write forever);
 * the caller then sees a {@link SocketTimeoutException}.
 *
 * <p>Threading: one thread sends and receives; {@link #close()} may be called from any thread and unblocks
 * that thread.
 */
public final class Transport implements Closeable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final String address;
  private final int maxMessageBytes;
  private final byte[] header = new byte[Wire.WORD];
  private final MessageReader reader = new MessageReader();
  private byte[] body = new byte[4096];
  private int schema;
  private volatile boolean expired;

  private Transport(Socket socket, String address, int maxMessageBytes) throws IOException {
    this.socket = socket;
    this.address = address;
    this.maxMessageBytes = maxMessageBytes;
    this.in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
    this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
  }

  /**
   * Connects to a node and queues the protocol handshake word (it leaves with the first request).
   *
   * @param address the node, {@code host:port}
   * @param factory the socket factory; an {@link SSLSocketFactory} layers TLS over a plain TCP connection
   * @param verifyHostname with TLS, whether the certificate must match the host name (HTTPS rules)
   * @param deadlineNanos when connecting (and the TLS handshake) must be done
   * @param maxMessageBytes the largest response body accepted
   * @return the connected transport
   * @throws IOException if the connection or the TLS handshake fails or the deadline passes
   */
  public static Transport open(String address, SocketFactory factory, boolean verifyHostname,
      long deadlineNanos, int maxMessageBytes) throws IOException {
    HostPort hp = HostPort.parse(address);
    Socket socket = null;
    try {
      InetSocketAddress target = new InetSocketAddress(hp.host(), hp.port());
      if (target.isUnresolved()) {
        throw new java.net.UnknownHostException(hp.host());
      }
      if (factory instanceof SSLSocketFactory) {
        Socket plain = new Socket();
        socket = plain;
        plain.connect(target, remainingMillis(deadlineNanos));
        SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) factory)
            .createSocket(plain, hp.host(), hp.port(), true);
        socket = ssl;
        if (verifyHostname) {
          SSLParameters params = ssl.getSSLParameters();
          params.setEndpointIdentificationAlgorithm("HTTPS");
          ssl.setSSLParameters(params);
        }
        ssl.setSoTimeout(remainingMillis(deadlineNanos));
        ssl.startHandshake();
      } else {
        socket = factory.createSocket();
        socket.connect(target, remainingMillis(deadlineNanos));
      }
      socket.setTcpNoDelay(true);
      Transport t = new Transport(socket, address, maxMessageBytes);
      byte[] hello = new byte[Wire.WORD];
      for (int i = 0; i < Wire.WORD; i++) {
        hello[i] = (byte) (Wire.PROTOCOL_VERSION >>> (8 * i));
      }
      t.out.write(hello);
      return t;
    } catch (IOException | RuntimeException e) {
      if (socket != null) {
        closeQuietly(socket);
      }
      throw e;
    }
  }

  /** The address this transport was opened to. */
  public String address() {
    return address;
  }

  /**
   * Writes one finished message (and the pending handshake, the first time) and flushes.
   *
   * @throws SocketTimeoutException if the deadline passed while writing
   * @throws IOException if the socket fails
   */
  public void send(MessageWriter message, long deadlineNanos) throws IOException {
    long left = deadlineNanos - System.nanoTime();
    if (left <= 0) {
      throw new SocketTimeoutException("deadline passed before the request was written");
    }
    ScheduledFuture<?> dog = Watchdog.EXECUTOR.schedule(this::expire, left, TimeUnit.NANOSECONDS);
    try {
      out.write(message.array(), 0, message.length());
      out.flush();
    } catch (IOException e) {
      throw expired ? timeout("writing a request", e) : e;
    } finally {
      dog.cancel(false);
    }
  }

  private void expire() {
    expired = true;
    close();
  }

  /**
   * Reads the next message.
   *
   * @return its type; the body is in {@link #body()} until the next call
   * @throws SocketTimeoutException if the deadline passes first
   * @throws EOFException if the server closed the connection
   * @throws ProtocolException if the header announces a body larger than allowed
   * @throws IOException if the socket fails
   */
  public int receive(long deadlineNanos) throws IOException {
    try {
      readFully(header, Wire.WORD, deadlineNanos);
      long words = (header[0] & 0xFFL) | (header[1] & 0xFFL) << 8 | (header[2] & 0xFFL) << 16
          | (header[3] & 0xFFL) << 24;
      int type = header[4] & 0xFF;
      schema = header[5] & 0xFF;
      long bytes = words * Wire.WORD;
      if (bytes > maxMessageBytes) {
        throw new ProtocolException(String.format(Locale.ROOT,
            "response type %d announces a %d-byte body, more than the %d allowed", type, bytes,
            maxMessageBytes));
      }
      if (bytes > body.length) {
        body = new byte[(int) Math.max(bytes, Math.min((long) body.length * 2, maxMessageBytes))];
      }
      readFully(body, (int) bytes, deadlineNanos);
      reader.reset(body, (int) bytes);
      return type;
    } catch (SocketException e) {
      throw expired ? timeout("reading a response", e) : e;
    }
  }

  /** The schema revision byte of the last received message. */
  public int schema() {
    return schema;
  }

  /** The body of the last received message. */
  public MessageReader body() {
    return reader;
  }

  private void readFully(byte[] b, int len, long deadlineNanos) throws IOException {
    int off = 0;
    while (off < len) {
      socket.setSoTimeout(remainingMillis(deadlineNanos));
      int n;
      try {
        n = in.read(b, off, len - off);
      } catch (SocketTimeoutException e) {
        if (deadlineNanos - System.nanoTime() > 0) {
          continue;
        }
        throw e;
      }
      if (n < 0) {
        throw new EOFException("connection closed by " + address);
      }
      off += n;
    }
  }

  private static int remainingMillis(long deadlineNanos) throws SocketTimeoutException {
    long left = deadlineNanos - System.nanoTime();
    if (left <= 0) {
      throw new SocketTimeoutException("deadline passed");
    }
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left + 999_999)));
  }

  private SocketTimeoutException timeout(String doing, IOException cause) {
    SocketTimeoutException e = new SocketTimeoutException("deadline passed while " + doing);
    e.initCause(cause);
    return e;
  }

  /** Closes the socket; safe from any thread and idempotent. */
  @Override
  public void close() {
    closeQuietly(socket);
  }

  /** Whether {@link #close()} was called or the socket was closed. */
  public boolean isClosed() {
    return socket.isClosed();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // Closing is best effort: the socket is unusable either way.
    }
  }

  /** One daemon thread for all write watchdogs; tasks are tiny (close a socket). */
  private static final class Watchdog {
    static final ScheduledThreadPoolExecutor EXECUTOR = create();

    private static ScheduledThreadPoolExecutor create() {
      ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "dqlite-client-write-watchdog");
        t.setDaemon(true);
        return t;
      });
      e.setRemoveOnCancelPolicy(true);
      return e;
    }
  }
}
