package io.sqlitekit.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An in-JVM HTTP server (the JDK's {@code com.sun.net.httpserver}) that plays D1's API for unit tests: it
 * records every request and answers from a script of replies, or with a default reply when the script is
 * empty. Replies can be delayed (timeouts) or dropped without an answer (a broken connection).
 */
public final class FakeD1Server implements AutoCloseable {
  /**
   * One recorded request.
   *
   * @param method the HTTP method
   * @param path the path
   * @param query the raw query, or null
   * @param headers the headers
   * @param body the body as UTF-8 text
   */
  public record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {
    /**
     * Returns a header's first value, by case-insensitive name.
     *
     * @param name the header name
     * @return the value, or null
     */
    public String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }
  }

  /**
   * One scripted reply.
   *
   * @param status the HTTP status (0 when the connection is dropped)
   * @param body the body
   * @param headers the headers
   * @param delayMillis the pause before answering
   * @param drop whether to close the connection without an answer
   */
  public record Reply(int status, String body, Map<String, String> headers, long delayMillis, boolean drop) {
    /**
     * A JSON answer.
     *
     * @param status the HTTP status
     * @param body the JSON text
     * @return the reply
     */
    public static Reply json(int status, String body) {
      return new Reply(status, body, Map.of("Content-Type", "application/json"), 0, false);
    }

    /**
     * This reply, sent after a pause.
     *
     * @param millis the pause
     * @return the delayed reply
     */
    public Reply delayed(long millis) {
      return new Reply(status, body, headers, millis, drop);
    }

    /**
     * This reply with one more header.
     *
     * @param name the header name
     * @param value its value
     * @return the reply
     */
    public Reply withHeader(String name, String value) {
      Map<String, String> h = new java.util.HashMap<>(headers);
      h.put(name, value);
      return new Reply(status, body, Map.copyOf(h), delayMillis, drop);
    }

    /**
     * Reads the request, then closes the connection without any answer.
     *
     * @return the reply
     */
    public static Reply dropConnection() {
      return new Reply(0, "", Map.of(), 0, true);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fake-d1");
    t.setDaemon(true);
    return t;
  });
  private final List<Request> requests = new ArrayList<>();
  private final Deque<Reply> script = new ArrayDeque<>();
  private volatile Function<Request, Reply> fallback = r -> Reply.json(200, raw(List.of(), List.of(), 0));

  /**
   * Starts the server on a free loopback port.
   *
   * @throws IOException if it cannot bind
   */
  public FakeD1Server() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /**
   * The server's base URI.
   *
   * @return {@code http://127.0.0.1:port}
   */
  public URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * The server's port.
   *
   * @return the port
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * Queues replies, answered in order before the fallback takes over.
   *
   * @param replies the replies
   * @return this server
   */
  public synchronized FakeD1Server reply(Reply... replies) {
    script.addAll(List.of(replies));
    return this;
  }

  /**
   * Sets the reply for requests once the script is used up.
   *
   * @param f the reply for a request
   * @return this server
   */
  public FakeD1Server otherwise(Function<Request, Reply> f) {
    this.fallback = f;
    return this;
  }

  /**
   * The requests received so far, in order.
   *
   * @return a copy
   */
  public synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Request req = new Request(ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
        ex.getRequestURI().getRawQuery(), Map.copyOf(ex.getRequestHeaders()), body);
    Reply reply;
    synchronized (this) {
      requests.add(req);
      reply = script.isEmpty() ? null : script.poll();
    }
    if (reply == null) {
      reply = fallback.apply(req);
    }
    try {
      if (reply.delayMillis() > 0) {
        Thread.sleep(reply.delayMillis());
      }
      if (reply.drop()) {
        ex.close(); // no headers sent: the server closes the connection
        return;
      }
      byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
      reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
      ex.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the client gave up (timeout test): nothing to do
    } finally {
      ex.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- bodies as D1 writes them ------------------------------------------------------------------------

  /**
   * A successful /raw answer with one result, values given as JSON text.
   *
   * @param columns the column names
   * @param rows each row's values as JSON text
   * @param changes the changes reported
   * @return the JSON answer
   */
  public static String raw(List<String> columns, List<List<String>> rows, long changes) {
    return "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":[" + entry(columns, rows, changes, 0)
        + "]}";
  }

  /**
   * One result entry, as the local explorer writes it.
   *
   * @param columns the column names
   * @param rows each row's values as JSON text
   * @param changes the changes reported
   * @param lastRowId the last row id reported
   * @return the JSON entry
   */
  public static String entry(List<String> columns, List<List<String>> rows, long changes, long lastRowId) {
    StringBuilder sb = new StringBuilder("{\"meta\":{\"changed_db\":").append(changes > 0)
        .append(",\"changes\":").append(changes).append(",\"duration\":0.5,\"last_row_id\":").append(lastRowId)
        .append(",\"rows_read\":").append(rows.size()).append(",\"rows_written\":").append(changes)
        .append(",\"size_after\":16384},\"results\":{\"columns\":[");
    for (int i = 0; i < columns.size(); i++) {
      sb.append(i == 0 ? "" : ",").append('"').append(columns.get(i)).append('"');
    }
    sb.append("],\"rows\":[");
    for (int r = 0; r < rows.size(); r++) {
      sb.append(r == 0 ? "[" : ",[").append(String.join(",", rows.get(r))).append(']');
    }
    return sb.append("]},\"success\":true}").toString();
  }

  /**
   * A failure answer with one error.
   *
   * @param code D1's error code
   * @param message the error message
   * @return the JSON answer
   */
  public static String error(int code, String message) {
    return "{\"success\":false,\"errors\":[{\"code\":" + code + ",\"message\":\"" + message.replace("\\", "\\\\")
        .replace("\"", "\\\"") + "\"}],\"messages\":[],\"result\":null}";
  }
}
