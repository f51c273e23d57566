package io.sqlitekit.d1.client;

import io.sqlitekit.d1.client.internal.D1ErrorText;
import io.sqlitekit.d1.client.internal.D1Url;
import io.sqlitekit.d1.client.internal.Json;
import io.sqlitekit.d1.client.internal.LimitedBody;
import io.sqlitekit.d1.client.internal.Statements;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLContext;

/**
 * A client for Cloudflare D1's HTTP query API.
 *
 * <pre>{@code
 * D1Client d1 = D1Client.open("d1://<account-id>/<database-id>?tokenEnv=CLOUDFLARE_API_TOKEN");
 * d1.execute("CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY, name TEXT, data BLOB)");
 * d1.execute("INSERT INTO items(name, data) VALUES (?, ?)", "alpha", new byte[] {1, 2});
 * for (D1Row row : d1.execute("SELECT id, name FROM items WHERE id >= ?", 1L).rows()) {
 *   System.out.println(row.getLong(0) + " " + row.getString(1));
 * }
 * d1.batch(List.of(                                   // all or nothing, one request
 *     D1Statement.of("UPDATE items SET name = ? WHERE id = ?", "beta", 1L),
 *     D1Statement.of("DELETE FROM items WHERE id = ?", 2L)));
 * }</pre>
 *
 * <p><b>Requests.</b> Every call is one HTTPS request to {@code …/d1/database/{id}/raw} (Cloudflare) or
 * {@code /cdn-cgi/explorer/api/d1/database/{id}/raw} (the local explorer of {@code wrangler dev}), and one
 * transaction on D1. There are no interactive transactions ({@link D1Capabilities}); {@link #batch(List)}
 * is the atomic unit. {@link #execute(D1Statement)} takes exactly one statement.
 *
 * <p><b>Values.</b> D1's API takes parameters as strings only. Text values are sent as bound parameters;
 * {@code null}, booleans (1/0), integers, doubles and blobs are written into the SQL text as literals that
 * read back exactly (see {@link D1Statement}). Results map NULL to {@code null}, INTEGER to {@link Long},
 * REAL to {@link Double} (or {@link Long} when integral: D1 prints 1.0 as 1), TEXT to {@link String} and
 * BLOB (which D1 returns as an array of bytes) to {@code byte[]}.
 *
 * <p><b>Failures and retries.</b> See {@link D1Exception}. A read (one {@code SELECT}, {@code VALUES},
 * {@code EXPLAIN} or {@code WITH} without a write) is retried on HTTP 429, 5xx without an SQL error,
 * connection failures and request timeouts, with full-jitter exponential backoff (honouring
 * {@code Retry-After}), up to {@code maxAttempts} and within the call's deadline. A write is sent once: if
 * no definite answer comes back it fails with {@link D1OutcomeUnknownException}.
 *
 * <p><b>Timeouts.</b> {@code connectTimeout} bounds opening a connection, {@code requestTimeout} one
 * request from sending to the complete answer, {@code deadline} the whole call including retries and
 * pauses.
 *
 * <p>Thread-safe; one client may serve a whole application. The API token is only ever written into the
 * {@code Authorization} header: never into a message, a log line or {@link #toString()}.
 *
 * @since 0.1.0
 */
public final class D1Client implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(D1Client.class.getName());
  /** Integers whose magnitude is at most this survive a JavaScript number unchanged. */
  static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  private final D1Endpoint endpoint;
  private final String token;
  private final Duration requestTimeout;
  private final Duration deadline;
  private final int maxAttempts;
  private final Duration backoffBase;
  private final Duration backoffCap;
  private final long maxResponseBytes;
  private final HttpClient http;
  private final HttpClient.Version version;
  private final ReentrantLock resolveLock = new ReentrantLock();
  private volatile String databaseId;
  private volatile boolean closed;

  private D1Client(Builder b) {
    this.endpoint = b.endpoint();
    this.token = b.token;
    this.requestTimeout = b.requestTimeout;
    this.deadline = b.deadline;
    this.maxAttempts = b.maxAttempts;
    this.backoffBase = b.backoffBase;
    this.backoffCap = b.backoffCap;
    this.maxResponseBytes = b.maxResponseBytes;
    // Plain http (the local explorer) speaks HTTP/1.1; asking for h2c would only add an Upgrade round.
    this.version = "http".equals(endpoint.apiBase().getScheme()) ? HttpClient.Version.HTTP_1_1
        : HttpClient.Version.HTTP_2;
    // A connect timeout longer than the request timeout could never apply: the attempt ends first.
    Duration connect = b.connectTimeout.compareTo(b.requestTimeout) > 0 ? b.requestTimeout : b.connectTimeout;
    HttpClient.Builder hb = HttpClient.newBuilder().connectTimeout(connect)
        .followRedirects(HttpClient.Redirect.NEVER) // never carry the bearer token to another host
        .version(version);
    if (b.proxy != null) {
      hb.proxy(b.proxy);
    }
    if (b.sslContext != null) {
      hb.sslContext(b.sslContext);
    }
    this.http = hb.build();
    if (D1Url.isUuid(endpoint.database())) {
      databaseId = endpoint.database();
    }
  }

  /**
   * A client for a URL: {@code d1://<account>/<database>?token=…} (Cloudflare) or
   * {@code d1+http://<host>:<port>/<database>} (local explorer); see {@link Builder#url(String)}.
   *
   * @param url the URL
   * @return the client
   * @throws IllegalArgumentException for a malformed URL (the message never repeats it)
   */
  public static D1Client open(String url) {
    return builder().url(url).build();
  }

  /**
   * A builder with the default settings.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Where requests go.
   *
   * @return the endpoint
   */
  public D1Endpoint endpoint() {
    return endpoint;
  }

  /**
   * What D1 supports through this API.
   *
   * @return the capabilities
   */
  public D1Capabilities capabilities() {
    return D1Capabilities.D1;
  }

  /**
   * Runs one statement.
   *
   * @param sql exactly one SQL statement, placeholders {@code ?} or {@code ?NNN}
   * @param params its values (see {@link D1Statement}); a lone {@code byte[]} is one blob value
   * @return its rows and metadata
   * @throws IllegalArgumentException for several statements, a parameter count mismatch or an unsupported
   *     value; nothing is sent
   * @throws D1Exception for every failure after that
   */
  public D1Result execute(String sql, Object... params) {
    return execute(D1Statement.of(sql, params));
  }

  /**
   * Runs one statement with its parameters in a list.
   *
   * @param sql exactly one SQL statement
   * @param params its values, may contain nulls
   * @return its rows and metadata
   */
  public D1Result execute(String sql, List<?> params) {
    return execute(new D1Statement(sql, new ArrayList<>(params)));
  }

  /**
   * Runs one statement.
   *
   * @param statement the statement
   * @return its rows and metadata
   * @throws IllegalArgumentException for several statements, a parameter count mismatch or an unsupported
   *     value; nothing is sent
   * @throws D1Exception for every failure after that
   */
  public D1Result execute(D1Statement statement) {
    ensureOpen();
    Statements.Prepared p = Statements.single(statement.sql(), statement.params());
    List<Object> result = query(p);
    if (result.isEmpty()) {
      throw new D1ProtocolException("D1 answered success with an empty result array", endpoint.toString(),
          null);
    }
    return decodeResult(result.get(result.size() - 1));
  }

  /**
   * Runs statements atomically: all are applied or none. The batch is sent as one multi-statement request
   * with every value written into the SQL text ({@link D1Capabilities#atomicBatch()} says why that is
   * atomic); a statement's text may itself hold several statements (a migration script).
   *
   * <p>D1 limits the whole text to 100,000 bytes ({@link D1ErrorKind#LIMIT_EXCEEDED} beyond), so large
   * batches must be split by the caller, each part being atomic on its own.
   *
   * @param statements the statements, at least one
   * @return the results D1 returned ({@link D1BatchResult} says how many)
   * @throws IllegalArgumentException for an empty batch or statement, a parameter count mismatch, an
   *     unsupported value or a text value containing U+0000; nothing is sent
   * @throws D1SqlException if a statement failed; none of the batch was applied
   * @throws D1OutcomeUnknownException if no definite answer came back
   */
  public D1BatchResult batch(List<D1Statement> statements) {
    ensureOpen();
    List<String> sqls = new ArrayList<>(statements.size());
    List<List<Object>> params = new ArrayList<>(statements.size());
    for (D1Statement s : statements) {
      sqls.add(s.sql());
      params.add(s.params());
    }
    Statements.Prepared p = Statements.batch(sqls, params);
    List<Object> result = query(p);
    List<D1Result> results = new ArrayList<>(result.size());
    for (Object r : result) {
      results.add(decodeResult(r));
    }
    if (results.isEmpty()) {
      throw new D1ProtocolException("D1 answered success with an empty result array", endpoint.toString(),
          null);
    }
    return new D1BatchResult(results, p.statementCount());
  }

  /**
   * Lists the databases the endpoint knows: the account's databases (Cloudflare, all pages) or the Worker's
   * D1 bindings (local explorer).
   *
   * @return the databases
   */
  public List<D1Database> listDatabases() {
    ensureOpen();
    return list(null);
  }

  /**
   * The database id requests go to. A database configured by name is looked up (once) on first use.
   *
   * @return the UUID (or, locally, the binding's {@code database_id})
   * @throws D1DatabaseNotFoundException if no database has the configured name
   */
  public String databaseId() {
    String id = databaseId;
    if (id != null) {
      return id;
    }
    resolveLock.lock();
    try {
      if (databaseId == null) {
        String ref = endpoint.database();
        for (D1Database d : list(ref)) {
          if (d.uuid().equals(ref) || d.name().equals(ref)) {
            databaseId = d.uuid();
            break;
          }
        }
        if (databaseId == null) {
          throw new D1DatabaseNotFoundException("no D1 database with id or name '" + ref + "' is listed",
              endpoint.toString(), 404, List.of());
        }
      }
      return databaseId;
    } finally {
      resolveLock.unlock();
    }
  }

  /**
   * Marks the client closed; later calls throw {@link IllegalStateException}. On Java 21 and later this
   * also closes the underlying {@link HttpClient}; on 17 its threads end when it is garbage collected.
   */
  @Override
  public void close() {
    closed = true;
    Object h = http;
    if (h instanceof AutoCloseable) {
      try {
        ((AutoCloseable) h).close();
      } catch (Exception e) {
        LOG.log(System.Logger.Level.DEBUG, "closing the HTTP client failed", e);
      }
    }
  }

  /** The endpoint and settings, never the token. */
  @Override
  public String toString() {
    return "D1Client[" + endpoint + ", token=" + (token == null ? "none" : "***") + ", requestTimeout="
        + requestTimeout + ", deadline=" + deadline + ", maxAttempts=" + maxAttempts + "]";
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("D1Client is closed");
    }
  }

  // ---- requests -------------------------------------------------------------------------------------

  private List<Object> query(Statements.Prepared p) {
    StringBuilder body = new StringBuilder(p.sql().length() + 32);
    body.append("{\"sql\":");
    Json.writeString(body, p.sql());
    if (!p.params().isEmpty()) {
      body.append(",\"params\":[");
      for (int i = 0; i < p.params().size(); i++) {
        if (i > 0) {
          body.append(',');
        }
        Json.writeString(body, p.params().get(i));
      }
      body.append(']');
    }
    body.append('}');
    URI uri = endpoint.rawUri(databaseId());
    Map<String, Object> root = call(uri, body.toString().getBytes(StandardCharsets.UTF_8), p.readOnly());
    Object result = root.get("result");
    if (!(result instanceof List)) {
      throw protocol("D1 answered success without a result array", null);
    }
    @SuppressWarnings("unchecked")
    List<Object> list = (List<Object>) result;
    return list;
  }

  private List<D1Database> list(String name) {
    List<D1Database> all = new ArrayList<>();
    int page = 1;
    while (true) {
      URI uri = endpoint.listUri();
      if (endpoint.kind() == D1Endpoint.Kind.CLOUDFLARE) {
        String q = "?per_page=100&page=" + page
            + (name != null && !D1Url.isUuid(name) ? "&name=" + D1Endpoint.segment(name) : "");
        uri = URI.create(uri + q);
      }
      Map<String, Object> root = call(uri, null, true);
      Object result = root.get("result");
      if (!(result instanceof List)) {
        throw protocol("the database list has no result array", null);
      }
      List<?> entries = (List<?>) result;
      for (Object e : entries) {
        if (!(e instanceof Map)) {
          throw protocol("a database list entry is not an object", null);
        }
        Map<?, ?> m = (Map<?, ?>) e;
        Object uuid = m.get("uuid");
        Object dbName = m.get("name");
        if (!(uuid instanceof String)) {
          throw protocol("a database list entry has no uuid", null);
        }
        all.add(new D1Database((String) uuid, dbName instanceof String ? (String) dbName : ""));
      }
      if (endpoint.kind() != D1Endpoint.Kind.CLOUDFLARE || entries.size() < 100 || page >= totalPages(root)
          || page >= 1000) {
        return all;
      }
      page++;
    }
  }

  private static int totalPages(Map<String, Object> root) {
    Object info = root.get("result_info");
    if (info instanceof Map) {
      Object tp = ((Map<?, ?>) info).get("total_pages");
      if (tp instanceof Json.Num && ((Json.Num) tp).integral()) {
        try {
          return Integer.parseInt(((Json.Num) tp).text());
        } catch (NumberFormatException e) {
          return Integer.MAX_VALUE;
        }
      }
    }
    return Integer.MAX_VALUE; // unknown: continue while pages are full
  }

  /** A failure worth another attempt (reads only), with the server's requested pause if any. */
  private static final class Retryable extends Exception {
    private static final long serialVersionUID = 1L;
    final transient D1Exception failure;
    final Duration retryAfter;

    Retryable(D1Exception failure, Duration retryAfter) {
      super(null, null, false, false);
      this.failure = failure;
      this.retryAfter = retryAfter;
    }
  }

  /**
   * One call: attempts, classification, retries for reads, deadline.
   *
   * @param body the JSON body to POST, or null for a GET
   * @param read whether the request cannot write (and so may be retried)
   * @return the answer's JSON object, {@code success} true
   */
  private Map<String, Object> call(URI uri, byte[] body, boolean read) {
    long start = System.nanoTime();
    long end = start + deadline.toNanos();
    D1Exception last = null;
    for (int attempt = 1; ; attempt++) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        throw new D1TimeoutException("the call's deadline of " + deadline + " passed after " + (attempt - 1)
            + " attempt(s)" + (last == null ? "" : "; last failure: " + last.getMessage()), endpoint.toString(),
            true, last);
      }
      Duration attemptTimeout = Duration.ofNanos(Math.min(requestTimeout.toNanos(), left));
      Duration retryAfter = null;
      try {
        return attempt(uri, body, read, attemptTimeout);
      } catch (Retryable r) {
        last = r.failure;
        retryAfter = r.retryAfter;
      }
      if (attempt >= maxAttempts) {
        throw last;
      }
      long cap = Math.min(backoffCap.toNanos(), backoffBase.toNanos() << Math.min(attempt - 1, 20));
      long jitter = ThreadLocalRandom.current().nextLong(cap + 1);
      final long pause = retryAfter == null ? jitter : Math.max(jitter, retryAfter.toNanos());
      if (System.nanoTime() + pause >= end) {
        throw last; // the pause alone would spend the rest of the deadline
      }
      LOG.log(System.Logger.Level.DEBUG, () -> "D1 read attempt failed, retrying in "
          + TimeUnit.NANOSECONDS.toMillis(pause) + " ms: " + endpoint);
      try {
        TimeUnit.NANOSECONDS.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new D1ConnectionException("interrupted while waiting to retry", endpoint.toString(), true, e);
      }
    }
  }

  private Map<String, Object> attempt(URI uri, byte[] body, boolean read, Duration timeout) throws Retryable {
    HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(timeout).version(version)
        .header("Accept", "application/json");
    if (token != null) {
      rb.header("Authorization", "Bearer " + token);
    }
    if (body == null) {
      rb.GET();
    } else {
      rb.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }
    CompletableFuture<HttpResponse<byte[]>> f = http.sendAsync(rb.build(), LimitedBody.handler(maxResponseBytes));
    HttpResponse<byte[]> response;
    try {
      response = f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw noAnswer(new D1TimeoutException("no complete answer within " + timeout, endpoint.toString(), true,
          null), read);
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      D1ConnectionException c = new D1ConnectionException("interrupted while waiting for D1",
          endpoint.toString(), true, e);
      if (read) {
        throw c;
      }
      throw new D1OutcomeUnknownException(endpoint.toString(), c);
    } catch (ExecutionException e) {
      throw transportFailure(e.getCause() == null ? e : e.getCause(), read);
    }
    return interpret(response, read);
  }

  private Retryable noAnswer(D1ConnectionException c, boolean read) {
    if (read) {
      return new Retryable(c, null);
    }
    if (!c.requestSent()) {
      throw c;
    }
    throw new D1OutcomeUnknownException(endpoint.toString(), c);
  }

  private Retryable transportFailure(Throwable t, boolean read) {
    String ep = endpoint.toString();
    if (t instanceof LimitedBody.TooLargeException) {
      D1ProtocolException p = new D1ProtocolException("the answer is larger than maxResponseBytes ("
          + maxResponseBytes + ")", ep, t);
      if (read) {
        throw p;
      }
      throw new D1OutcomeUnknownException(ep, p);
    }
    if (t instanceof HttpConnectTimeoutException) {
      return noAnswer(new D1TimeoutException("could not connect within the connect timeout", ep, false, t),
          read);
    }
    if (t instanceof ConnectException) {
      return noAnswer(new D1ConnectionException("could not connect: " + describe(t), ep, false, t), read);
    }
    if (t instanceof HttpTimeoutException) {
      return noAnswer(new D1TimeoutException("no answer within the request timeout", ep, true, t), read);
    }
    if (t instanceof IOException) {
      return noAnswer(new D1ConnectionException("the connection failed: " + describe(t), ep, true, t), read);
    }
    // Anything else from the HTTP stack (e.g. an IllegalArgumentException for a bad header) is a bug or a
    // misconfiguration, not a D1 answer; report it without retrying.
    D1ConnectionException c = new D1ConnectionException("the HTTP exchange failed: " + describe(t), ep, true,
        t);
    if (read) {
      throw c;
    }
    throw new D1OutcomeUnknownException(ep, c);
  }

  private static String describe(Throwable t) {
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : " (" + t.getMessage() + ")");
  }

  /** Classifies an answer: success, SQL failure, HTTP refusal, or something worth a retry. */
  private Map<String, Object> interpret(HttpResponse<byte[]> response, boolean read) throws Retryable {
    int status = response.statusCode();
    String ep = endpoint.toString();
    Map<String, Object> root = null;
    String notJson = null;
    try {
      Object v = Json.parse(utf8(response.body()));
      if (v instanceof Map) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        root = m;
      } else {
        notJson = "a JSON " + (v instanceof List ? "array" : "value") + ", not an object";
      }
    } catch (Json.JsonException | CharacterCodingException e) {
      notJson = "not JSON (" + e.getMessage() + ")";
    }
    boolean ok = status >= 200 && status < 300;
    if (ok && root != null && Boolean.TRUE.equals(root.get("success"))) {
      return root;
    }
    if (ok && root == null) {
      D1ProtocolException p = new D1ProtocolException("HTTP " + status + " with a body that is " + notJson, ep,
          null);
      if (read) {
        throw p;
      }
      throw new D1OutcomeUnknownException(ep, p);
    }
    List<D1ApiError> errors = root == null ? List.of() : errors(root);
    for (D1ApiError e : errors) {
      D1ErrorText.Parsed parsed = D1ErrorText.parse(e.message());
      if (parsed.definite()) {
        throw new D1SqlException(ep, status, e.code(), e.message(), parsed.message(), parsed.primaryCode(),
            parsed.extendedCode(), parsed.extendedName() != null ? parsed.extendedName() : parsed.primaryName(),
            kind(parsed));
      }
    }
    String summary = "HTTP " + status + (errors.isEmpty() ? (root == null ? ", body " + notJson
        + snippet(response.body()) : "") : " " + errors);
    if (status == 401 || status == 403) {
      throw new D1AuthenticationException("D1 refused the credentials: " + summary + (token == null
          ? " (no token was configured)" : ""), ep, status, errors);
    }
    if (status == 404 && isDatabaseNotFound(errors)) {
      throw new D1DatabaseNotFoundException("D1 does not know the database: " + summary, ep, status, errors);
    }
    boolean transientError = errors.stream().anyMatch(e -> D1ErrorText.parse(e.message()).transientFailure());
    if (status == 429 || status >= 500 || transientError || ok) {
      Duration retryAfter = retryAfter(response);
      D1HttpException h = new D1HttpException("D1 failed: " + summary, ep, status, errors, retryAfter);
      if (read) {
        throw new Retryable(h, retryAfter);
      }
      if (status == 429) {
        throw h; // rate limited: the request was refused, not run
      }
      throw new D1OutcomeUnknownException(ep, h);
    }
    String hint = status == 404 ? " (is this a D1 endpoint? the local explorer needs a wrangler dev with the "
        + "local explorer, e.g. 4.86.0)" : "";
    throw new D1HttpException("D1 refused the request: " + summary + hint, ep, status, errors, null);
  }

  private static boolean isDatabaseNotFound(List<D1ApiError> errors) {
    for (D1ApiError e : errors) {
      String m = e.message().toLowerCase(java.util.Locale.ROOT);
      if (e.code() == 7404 || m.contains("database") && (m.contains("not found") || m.contains("could not be found"))) {
        return true;
      }
    }
    return false;
  }

  private static String snippet(byte[] body) {
    String s = new String(body, 0, Math.min(body.length, 160), StandardCharsets.UTF_8).replaceAll("\\s+", " ")
        .trim();
    return s.isEmpty() ? "" : ": " + s + (body.length > 160 ? "…" : "");
  }

  private static Duration retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").map(v -> {
      try {
        long s = Long.parseLong(v.trim());
        return s >= 0 && s < 86_400 ? Duration.ofSeconds(s) : null;
      } catch (NumberFormatException e) {
        return null; // the HTTP-date form: ignored, the backoff applies
      }
    }).orElse(null);
  }

  private static List<D1ApiError> errors(Map<String, Object> root) {
    Object errs = root.get("errors");
    if (!(errs instanceof List)) {
      return List.of();
    }
    List<D1ApiError> out = new ArrayList<>();
    for (Object e : (List<?>) errs) {
      if (e instanceof Map) {
        Object code = ((Map<?, ?>) e).get("code");
        Object message = ((Map<?, ?>) e).get("message");
        int c = 0;
        if (code instanceof Json.Num && ((Json.Num) code).integral()) {
          try {
            c = Integer.parseInt(((Json.Num) code).text());
          } catch (NumberFormatException ignored) {
            c = 0;
          }
        }
        out.add(new D1ApiError(c, message instanceof String ? (String) message : String.valueOf(message)));
      }
    }
    return out;
  }

  private static D1ErrorKind kind(D1ErrorText.Parsed p) {
    switch (p.extendedCode()) {
      case D1SqlException.CONSTRAINT_UNIQUE:
      case D1SqlException.CONSTRAINT_PRIMARYKEY:
        return D1ErrorKind.DUPLICATE_KEY;
      case D1SqlException.CONSTRAINT_FOREIGNKEY:
        return D1ErrorKind.FOREIGN_KEY;
      case D1SqlException.CONSTRAINT_NOTNULL:
        return D1ErrorKind.NOT_NULL;
      case D1SqlException.CONSTRAINT_CHECK:
        return D1ErrorKind.CHECK;
      default:
        break;
    }
    if (p.primaryCode() == D1SqlException.CONSTRAINT) {
      return D1ErrorKind.CONSTRAINT;
    }
    String m = p.message().toLowerCase(java.util.Locale.ROOT);
    if (p.primaryCode() == D1SqlException.TOOBIG || m.contains("too many sql variables")
        || m.contains("variable number must be between")) {
      return D1ErrorKind.LIMIT_EXCEEDED;
    }
    if (m.contains("syntax error") || m.contains("incomplete input") || m.contains("unrecognized token")) {
      return D1ErrorKind.SYNTAX;
    }
    if (m.contains("no such table")) {
      return D1ErrorKind.NO_SUCH_TABLE;
    }
    if (m.contains("no such column")) {
      return D1ErrorKind.NO_SUCH_COLUMN;
    }
    if (m.contains("already exists")) {
      return D1ErrorKind.ALREADY_EXISTS;
    }
    if (m.contains("to execute a transaction") || m.contains("begin transaction or savepoint")) {
      return D1ErrorKind.TRANSACTION_REFUSED;
    }
    if (m.contains("not authorized") || p.primaryCode() == 23) {
      return D1ErrorKind.NOT_AUTHORIZED;
    }
    return D1ErrorKind.OTHER;
  }

  private static String utf8(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
  }

  private D1ProtocolException protocol(String message, Throwable cause) {
    return new D1ProtocolException(message, endpoint.toString(), cause);
  }

  // ---- results --------------------------------------------------------------------------------------

  private D1Result decodeResult(Object entry) {
    if (!(entry instanceof Map)) {
      throw protocol("a result entry is not an object", null);
    }
    Map<?, ?> e = (Map<?, ?>) entry;
    if (Boolean.FALSE.equals(e.get("success"))) {
      throw protocol("D1 marked a statement as failed without an error", null);
    }
    List<String> columns = new ArrayList<>();
    List<D1Row> rows = new ArrayList<>();
    Object results = e.get("results");
    if (results != null && !(results instanceof Map)) {
      throw protocol("'results' is not an object (is the endpoint /raw?)", null);
    }
    if (results != null) {
      Map<?, ?> r = (Map<?, ?>) results;
      Object cols = r.get("columns");
      if (cols != null) {
        if (!(cols instanceof List)) {
          throw protocol("'columns' is not an array", null);
        }
        for (Object c : (List<?>) cols) {
          if (!(c instanceof String)) {
            throw protocol("a column name is not a string", null);
          }
          columns.add((String) c);
        }
      }
      Map<String, Integer> index = new HashMap<>();
      for (int i = columns.size() - 1; i >= 0; i--) {
        index.put(columns.get(i), i); // the first column of a name wins
      }
      D1Row.Shape shape = new D1Row.Shape(List.copyOf(columns), Map.copyOf(index), endpoint.toString());
      Object rowList = r.get("rows");
      if (rowList != null) {
        if (!(rowList instanceof List)) {
          throw protocol("'rows' is not an array", null);
        }
        for (Object row : (List<?>) rowList) {
          if (!(row instanceof List) || ((List<?>) row).size() != columns.size()) {
            throw protocol("a row is not an array of " + columns.size() + " values", null);
          }
          List<?> cells = (List<?>) row;
          Object[] values = new Object[cells.size()];
          for (int i = 0; i < values.length; i++) {
            values[i] = cell(cells.get(i), columns.get(i));
          }
          rows.add(new D1Row(shape, values));
        }
      }
    }
    Map<?, ?> meta = e.get("meta") instanceof Map ? (Map<?, ?>) e.get("meta") : Map.of();
    return new D1Result(List.copyOf(columns), List.copyOf(rows), count(meta, "changes"),
        integerOrInexact(meta.get("last_row_id"), "last_row_id"), Boolean.TRUE.equals(meta.get("changed_db")),
        count(meta, "rows_read"), count(meta, "rows_written"), duration(meta.get("duration")),
        endpoint.toString());
  }

  private Object cell(Object v, String column) {
    if (v == null || v instanceof String) {
      return v;
    }
    if (v instanceof Json.Num) {
      Json.Num n = (Json.Num) v;
      return n.integral() ? integerOrInexact(n, column) : Double.valueOf(Double.parseDouble(n.text()));
    }
    if (v instanceof List) {
      List<?> list = (List<?>) v;
      byte[] bytes = new byte[list.size()];
      for (int i = 0; i < bytes.length; i++) {
        Object b = list.get(i);
        int x = -1;
        if (b instanceof Json.Num && ((Json.Num) b).integral() && ((Json.Num) b).text().length() <= 3) {
          x = Integer.parseInt(((Json.Num) b).text());
        }
        if (x < 0 || x > 255) {
          throw protocol("column '" + column + "' holds an array that is not a blob (bytes 0..255)", null);
        }
        bytes[i] = (byte) x;
      }
      return bytes;
    }
    throw protocol("column '" + column + "' holds a JSON " + (v instanceof Boolean ? "boolean" : "object")
        + ", which D1 does not return for SQLite values", null);
  }

  /** A Long when exact, an {@link D1Row.Inexact} when D1 may have rounded, null when absent. */
  private Object integerOrInexact(Object v, String what) {
    if (v == null) {
      return null;
    }
    if (!(v instanceof Json.Num)) {
      throw protocol("'" + what + "' is not a number", null);
    }
    Json.Num n = (Json.Num) v;
    if (!n.integral()) {
      throw protocol("'" + what + "' is not an integer", null);
    }
    try {
      long x = Long.parseLong(n.text());
      if (Math.abs(x) <= MAX_SAFE_INTEGER) {
        return x;
      }
    } catch (NumberFormatException e) {
      // beyond the long range: certainly a rounded value
    }
    return new D1Row.Inexact(n.text());
  }

  private long count(Map<?, ?> meta, String field) {
    Object v = integerOrInexact(meta.get(field), field);
    if (v instanceof D1Row.Inexact) {
      throw protocol("meta." + field + " is beyond ±(2^53-1)", null);
    }
    return v == null ? 0 : (Long) v;
  }

  private Double duration(Object v) {
    return v instanceof Json.Num ? Double.valueOf(Double.parseDouble(((Json.Num) v).text())) : null;
  }

  // ---- builder --------------------------------------------------------------------------------------

  /**
   * Settings for a {@link D1Client}. Defaults: connect timeout 5 s, request timeout 30 s (D1's own limit
   * for a query), deadline 60 s, 4 attempts for reads with backoff from 100 ms up to 2 s, answers up to
   * 64 MiB.
   */
  public static final class Builder {
    private URI apiBase = D1Endpoint.CLOUDFLARE_API;
    private String account;
    private String database;
    private URI localHost;
    private String token;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private Duration deadline = Duration.ofSeconds(60);
    private int maxAttempts = 4;
    private Duration backoffBase = Duration.ofMillis(100);
    private Duration backoffCap = Duration.ofSeconds(2);
    private long maxResponseBytes = 64L << 20;
    private ProxySelector proxy;
    private SSLContext sslContext;

    private Builder() {}

    /**
     * Takes endpoint, token and options from a URL:
     * <ul>
     *   <li>{@code d1://<account-id>/<database>}: Cloudflare's API; {@code <database>} is the UUID or the
     *       name.
     *   <li>{@code d1+http://<host>:<port>/<database>} (or {@code d1+https}): the local explorer of
     *       {@code wrangler dev}; {@code <database>} is the binding's {@code database_id} or binding name.
     * </ul>
     * Options: {@code token}, {@code tokenEnv} (name of an environment variable holding the token),
     * {@code connectTimeoutMs}, {@code requestTimeoutMs}, {@code deadlineMs}, {@code maxAttempts}. Unknown
     * or repeated options are refused.
     *
     * @param url the URL
     * @return this builder
     * @throws IllegalArgumentException for a malformed URL; the message never repeats the URL
     */
    public Builder url(String url) {
      D1Url.Parsed p = D1Url.parse(Objects.requireNonNull(url, "url"));
      if (p.local()) {
        local(p.explorerBase(), p.database());
      } else {
        cloudflare(p.account(), p.database());
      }
      Map<String, String> o = p.options();
      if (o.containsKey("token") && o.containsKey("tokenEnv")) {
        throw new IllegalArgumentException("give either token or tokenEnv, not both");
      }
      if (o.containsKey("token")) {
        token(o.get("token"));
      }
      if (o.containsKey("tokenEnv")) {
        String value = System.getenv(o.get("tokenEnv"));
        if (value == null || value.isBlank()) {
          throw new IllegalArgumentException("environment variable " + o.get("tokenEnv") + " (tokenEnv) is not "
              + "set");
        }
        token(value.trim());
      }
      if (o.containsKey("connectTimeoutMs")) {
        connectTimeout(Duration.ofMillis(positive(o.get("connectTimeoutMs"), "connectTimeoutMs")));
      }
      if (o.containsKey("requestTimeoutMs")) {
        requestTimeout(Duration.ofMillis(positive(o.get("requestTimeoutMs"), "requestTimeoutMs")));
      }
      if (o.containsKey("deadlineMs")) {
        deadline(Duration.ofMillis(positive(o.get("deadlineMs"), "deadlineMs")));
      }
      if (o.containsKey("maxAttempts")) {
        long n = positive(o.get("maxAttempts"), "maxAttempts");
        if (n > 100) {
          throw new IllegalArgumentException("maxAttempts must be 1..100");
        }
        retry((int) n, backoffBase, backoffCap);
      }
      return this;
    }

    private static long positive(String v, String name) {
      try {
        long x = Long.parseLong(v);
        if (x > 0) {
          return x;
        }
      } catch (NumberFormatException e) {
        // fall through
      }
      throw new IllegalArgumentException("D1 URL option " + name + " must be a positive integer");
    }

    /**
     * Cloudflare's REST API.
     *
     * @param accountId the account id
     * @param database the database UUID, or its name (looked up once)
     * @return this builder
     */
    public Builder cloudflare(String accountId, String database) {
      this.account = Objects.requireNonNull(accountId, "accountId");
      this.database = Objects.requireNonNull(database, "database");
      this.localHost = null;
      return this;
    }

    /**
     * The local explorer of {@code wrangler dev} (wrangler 4.x serves it at
     * {@code /cdn-cgi/explorer/api}).
     *
     * @param devServer the dev server's base, e.g. {@code http://127.0.0.1:8787}
     * @param database the binding's {@code database_id}, or its binding name
     * @return this builder
     */
    public Builder local(URI devServer, String database) {
      Objects.requireNonNull(devServer, "devServer");
      if (devServer.getHost() == null || devServer.getRawUserInfo() != null || devServer.getRawQuery() != null
          || !("http".equals(devServer.getScheme()) || "https".equals(devServer.getScheme()))) {
        throw new IllegalArgumentException("the dev server is http(s)://host[:port], without user info or query");
      }
      this.localHost = devServer;
      this.database = Objects.requireNonNull(database, "database");
      this.account = null;
      return this;
    }

    /**
     * Another base for Cloudflare's API than {@link D1Endpoint#CLOUDFLARE_API}, e.g. a proxy or a test
     * server.
     *
     * @param base the base, e.g. {@code https://api.cloudflare.com/client/v4}
     * @return this builder
     */
    public Builder apiBase(URI base) {
      Objects.requireNonNull(base, "base");
      if (base.getHost() == null || base.getRawUserInfo() != null || base.getRawQuery() != null) {
        throw new IllegalArgumentException("the API base is http(s)://host[:port]/path, without user info or "
            + "query");
      }
      this.apiBase = base;
      return this;
    }

    /**
     * The API token, sent as {@code Authorization: Bearer …}. Required for Cloudflare (a token with D1
     * edit or read permission on the account), optional locally.
     *
     * @param apiToken the token
     * @return this builder
     */
    public Builder token(String apiToken) {
      Objects.requireNonNull(apiToken, "apiToken");
      if (apiToken.isBlank() || apiToken.chars().anyMatch(c -> c < 0x21 || c > 0x7E)) {
        throw new IllegalArgumentException("the API token must be non-empty printable ASCII without spaces");
      }
      this.token = apiToken;
      return this;
    }

    /**
     * How long opening a connection may take (at most the request timeout: the shorter one applies).
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * How long one request may take, from sending to the complete answer.
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /**
     * How long a whole call may take, retries and their pauses included.
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder deadline(Duration timeout) {
      this.deadline = positive(timeout, "deadline");
      return this;
    }

    /**
     * Retries for reads: at most {@code maxAttempts} attempts in all, pausing a random time between 0 and
     * {@code min(cap, base * 2^(attempt-1))} (full jitter), or longer if the server sent
     * {@code Retry-After}. {@code maxAttempts} 1 turns retries off.
     *
     * @param maxAttempts 1..100
     * @param base the first pause's upper bound, positive
     * @param cap the largest pause bound, at least {@code base}
     * @return this builder
     */
    public Builder retry(int maxAttempts, Duration base, Duration cap) {
      if (maxAttempts < 1 || maxAttempts > 100) {
        throw new IllegalArgumentException("maxAttempts must be 1..100");
      }
      positive(base, "base");
      if (cap.compareTo(base) < 0) {
        throw new IllegalArgumentException("the backoff cap must be at least the base");
      }
      this.maxAttempts = maxAttempts;
      this.backoffBase = base;
      this.backoffCap = cap;
      return this;
    }

    /**
     * The largest answer accepted; a larger one fails with {@link D1ProtocolException}.
     *
     * @param bytes positive
     * @return this builder
     */
    public Builder maxResponseBytes(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxResponseBytes must be positive");
      }
      this.maxResponseBytes = bytes;
      return this;
    }

    /**
     * A proxy selector for the HTTP client (none by default).
     *
     * @param selector the selector
     * @return this builder
     */
    public Builder proxy(ProxySelector selector) {
      this.proxy = Objects.requireNonNull(selector, "selector");
      return this;
    }

    /**
     * The TLS context for {@code https} endpoints (the JDK default otherwise).
     *
     * @param context the context
     * @return this builder
     */
    public Builder sslContext(SSLContext context) {
      this.sslContext = Objects.requireNonNull(context, "context");
      return this;
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return d;
    }

    private D1Endpoint endpoint() {
      return localHost != null ? D1Endpoint.local(localHost, database)
          : D1Endpoint.cloudflare(apiBase, account, database);
    }

    /**
     * Builds the client.
     *
     * @return the client
     * @throws IllegalStateException if no endpoint was given, or Cloudflare's API was chosen without a token
     */
    public D1Client build() {
      if (localHost == null && account == null) {
        throw new IllegalStateException("no endpoint: call url(), cloudflare() or local()");
      }
      if (localHost == null && token == null) {
        throw new IllegalStateException("Cloudflare's D1 API needs an API token: token(...), ?token= or "
            + "?tokenEnv=");
      }
      return new D1Client(this);
    }

    @Override
    public String toString() {
      return "D1Client.Builder[" + (localHost != null || account != null ? endpoint() : "no endpoint")
          + ", token=" + (token == null ? "none" : "***") + "]";
    }
  }
}
