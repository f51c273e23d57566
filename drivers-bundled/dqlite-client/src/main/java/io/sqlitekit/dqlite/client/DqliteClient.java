package io.sqlitekit.dqlite.client;

import io.sqlitekit.dqlite.client.internal.HostPort;
import io.sqlitekit.dqlite.client.internal.MessageReader;
import io.sqlitekit.dqlite.client.internal.MessageWriter;
import io.sqlitekit.dqlite.client.internal.Transport;
import io.sqlitekit.dqlite.client.internal.Wire;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * Entry point of the dqlite client: knows the cluster's node addresses, finds the current leader and opens
 * {@link DqliteConnection}s to it.
 *
 * <pre>{@code
 * DqliteClient client = DqliteClient.builder()
 *     .nodes("127.0.0.1:9001", "127.0.0.1:9002", "127.0.0.1:9003")
 *     .callTimeout(Duration.ofSeconds(5))
 *     .build();
 * try (DqliteConnection conn = client.connect("app")) {
 *   conn.exec("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, name TEXT)");
 *   conn.exec("INSERT INTO t(name) VALUES (?)", "alpha");
 *   try (DqliteRows rows = conn.query("SELECT id, name FROM t WHERE id > ?", 0)) {
 *     while (rows.next()) {
 *       System.out.println(rows.getLong(0) + " " + rows.getString(1));
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p><b>Leader discovery.</b> Every connection goes to the leader: dqlite serves all SQL, reads included,
 * from the leader only. {@link #connect(String)} asks the last leader this client saw ({@code LEADER}
 * request); when it fails, it is forgotten and all configured nodes are asked at once (one short-lived thread
 * each, so a silent node does not hold up the others), a redirect to a leader not asked yet is followed, and
 * the client registers with the leader ({@code CLIENT}). When a whole pass finds no leader it sleeps
 * (exponential backoff from {@link Builder#backoff(Duration, Duration) the base up to the cap}) and tries again,
 * until the {@link Builder#discoveryTimeout(Duration) discovery timeout} is spent; then it throws
 * {@link DqliteNoLeaderException}. Each node attempt is bounded by the connect timeout.
 *
 * <p><b>Defaults.</b> Connect timeout 5 s, call timeout 10 s, discovery timeout 15 s, backoff 50 ms doubling
 * up to 1 s, 64 cached statements per connection, plain TCP, 256 MiB largest response message.
 *
 * <p><b>Threading.</b> A client is immutable apart from its memory of the last leader and is safe to share
 * between threads; connections are not (see {@link DqliteConnection}). A client holds no sockets itself,
 * so it needs no closing. There is no pool: callers that want one keep connections themselves.
 *
 * @since 0.1.0
 */
public final class DqliteClient {
  private static final System.Logger LOG = System.getLogger(DqliteClient.class.getName());

  private final Settings settings;
  private final AtomicReference<String> lastLeader = new AtomicReference<>();

  private DqliteClient(Settings settings) {
    this.settings = settings;
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The configured node addresses, in order.
   *
   * @return the addresses, {@code host:port}
   */
  public List<String> nodes() {
    return settings.nodes();
  }

  /**
   * Finds the leader and opens a database on it ({@code OPEN}); the database is created on first use.
   *
   * @param database the database name, e.g. {@code app}
   * @return an open connection, owned by the caller
   * @throws NullPointerException if {@code database} is null
   * @throws IllegalArgumentException if {@code database} is empty or contains U+0000
   * @throws DqliteNoLeaderException if no leader was found within the discovery timeout
   * @throws DqliteFailureException if the leader refused to open the database
   * @throws DqliteConnectionException if the leader's socket failed while opening
   */
  public DqliteConnection connect(String database) {
    Objects.requireNonNull(database, "database");
    if (database.isEmpty()) {
      throw new IllegalArgumentException("database name is empty");
    }
    MessageWriter w = new MessageWriter();
    // Fail on a bad name before the network is touched.
    w.putText(database);
    Transport t = discover();
    try {
      // go-dqlite sends the VFS name "volatile"; the server uses its own registered VFS either way.
      w.reset().putText(database).putU64(0).putText("volatile").finish(Wire.REQUEST_OPEN, 0);
      long deadline = System.nanoTime() + settings.callTimeout().toNanos();
      int type = exchange(t, w, deadline, "OPEN");
      if (type != Wire.RESPONSE_DB) {
        throw DqliteConnection.unexpected(type, "OPEN", t.address(), true);
      }
      int dbId = (int) t.body().u32();
      return new DqliteConnection(t, settings, database, dbId);
    } catch (IOException e) {
      t.close();
      throw DqliteConnection.translate(e, t.address(), true, "opening database");
    } catch (RuntimeException e) {
      t.close();
      throw e;
    }
  }

  /**
   * Lists the cluster's nodes as the leader sees them ({@code CLUSTER}, format 1).
   *
   * @return the nodes with their roles
   * @throws DqliteNoLeaderException if no leader was found within the discovery timeout
   * @throws DqliteConnectionException if the leader's socket failed
   */
  public List<DqliteNode> cluster() {
    Transport t = discover();
    try {
      return DqliteConnection.cluster(t, settings.callTimeout());
    } finally {
      t.close();
    }
  }

  /**
   * Asks the configured nodes, in order, who leads now, without retrying or registering.
   *
   * @return the leader as the first node that knows one reports it, or empty if no reachable node knows
   *     a leader right now
   */
  public Optional<DqliteNode> leader() {
    long deadline = System.nanoTime() + settings.discoveryTimeout().toNanos();
    for (String address : settings.nodes()) {
      long nodeDeadline = Math.min(deadline, System.nanoTime() + settings.connectTimeout().toNanos());
      try (Transport t = Transport.open(address, settings.socketFactory(), settings.verifyHostname(),
          nodeDeadline, settings.maxMessageBytes())) {
        DqliteNode node = askLeader(t, nodeDeadline);
        if (!node.address().isEmpty()) {
          return Optional.of(node);
        }
      } catch (IOException | DqliteException e) {
        LOG.log(System.Logger.Level.DEBUG, "dqlite node {0}: {1}", address, e.toString());
      }
    }
    return Optional.empty();
  }

  /**
   * Runs leader discovery and returns a registered transport to the leader.
   *
   * <p>Per pass: the last known leader alone (forgotten once it fails); then the configured nodes at once, each
   * on its own short-lived thread, so a silent node (a host gone without a reset) costs no more than the others'
   * answers; a leader named by a node but not asked in that round is followed once. Between passes: exponential
   * backoff. Total: bounded by the discovery timeout.
   */
  Transport discover() {
    long start = System.nanoTime();
    long deadline = start + settings.discoveryTimeout().toNanos();
    Map<String, String> errors = new LinkedHashMap<>();
    int pass = 0;
    long slept = 0;
    while (true) {
      pass++;
      Set<String> candidates = new LinkedHashSet<>(settings.nodes());
      String last = lastLeader.get();
      Transport found = null;
      if (last != null) {
        // The usual case costs one node's exchange; once the last leader fails it is forgotten, so a dead one
        // (possibly silent until the connect timeout) is not asked alone first in every later pass.
        found = pass(List.of(last), deadline, errors);
        if (found == null) {
          lastLeader.compareAndSet(last, null);
          candidates.remove(last);
        }
      }
      if (found == null && !candidates.isEmpty() && System.nanoTime() - deadline < 0) {
        found = pass(List.copyOf(candidates), deadline, errors);
      }
      if (found != null) {
        if (pass > 1) {
          // A failover's timeline: how long the cluster had no leader for us, and how much of it we slept.
          LOG.log(System.Logger.Level.INFO, "dqlite leader {0} found after {1} discovery passes in {2} ms"
              + " ({3} ms of it backoff); earlier answers: {4}", found.address(), pass,
              TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), TimeUnit.NANOSECONDS.toMillis(slept), errors);
        }
        return found;
      }
      long now = System.nanoTime();
      long left = deadline - now;
      if (left <= 0) {
        throw new DqliteNoLeaderException(errors, pass, Duration.ofNanos(now - start));
      }
      long backoff = Math.min(settings.backoffCap().toNanos(),
          settings.backoffBase().toNanos() << Math.min(pass - 1, 20));
      try {
        TimeUnit.NANOSECONDS.sleep(Math.min(backoff, left));
        slept += Math.min(backoff, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        errors.put("(discovery)", "interrupted");
        throw new DqliteNoLeaderException(errors, pass, Duration.ofNanos(System.nanoTime() - start));
      }
    }
  }

  /**
   * One discovery pass: probes the candidates in parallel, returns the first registered leader's transport (a
   * second node that also claims leadership in the same pass is closed), or null after recording every answer in
   * {@code errors}, in candidate order.
   */
  private Transport pass(List<String> candidates, long deadline, Map<String, String> errors) {
    Map<String, String> before = new LinkedHashMap<>(errors);
    List<CompletableFuture<Probe>> probes = new ArrayList<>();
    CompletableFuture<Probe> winner = new CompletableFuture<>();
    for (String address : candidates) {
      CompletableFuture<Probe> f = new CompletableFuture<>();
      Runnable ask = () -> {
        Probe p;
        try {
          p = probe(address, deadline, before.get(address));
        } catch (RuntimeException | Error e) {
          p = new Probe(null, null, e.toString());
        }
        if (p.transport != null && !winner.complete(p)) {
          p.transport.close();
          p = new Probe(null, null, "claimed leadership after another node did in the same pass");
        }
        f.complete(p);
      };
      if (candidates.size() == 1) {
        ask.run();
      } else {
        Thread t = new Thread(ask, "dqlite-discovery " + address);
        t.setDaemon(true);
        t.start();
      }
      probes.add(f);
    }
    CompletableFuture<Void> all = CompletableFuture.allOf(probes.toArray(new CompletableFuture<?>[0]));
    try {
      // Every probe ends by its own node deadline, so this wait is bounded by the connect timeout.
      CompletableFuture.anyOf(winner, all).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      // A leader a probe registers with after this is closed by that probe (winner is completed here first).
      if (!winner.complete(null)) {
        return winnerTransport(winner, errors);
      }
      return null;
    } catch (ExecutionException e) {
      throw new IllegalStateException("a discovery probe failed unexpectedly", e.getCause());
    }
    if (winner.isDone()) {
      return winnerTransport(winner, errors);
    }
    List<String> redirects = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      Probe p = probes.get(i).join();
      if (p.error != null) {
        errors.put(candidates.get(i), p.error);
      }
      if (p.redirect != null && !candidates.contains(p.redirect) && !redirects.contains(p.redirect)) {
        redirects.add(p.redirect);
      }
    }
    for (String address : redirects) {
      if (System.nanoTime() - deadline >= 0) {
        break;
      }
      Probe q = probe(address, deadline, errors.get(address));
      if (q.transport != null) {
        lastLeader.set(address);
        errors.remove(address);
        return q.transport;
      }
      errors.put(address, q.error);
    }
    return null;
  }

  private Transport winnerTransport(CompletableFuture<Probe> winner, Map<String, String> errors) {
    Probe p = winner.join();
    if (p == null) {
      return null;
    }
    String address = p.transport.address();
    lastLeader.set(address);
    errors.remove(address);
    LOG.log(System.Logger.Level.DEBUG, "dqlite leader is {0}", address);
    return p.transport;
  }

  /** What one node said: a registered transport (it leads), a leader it names, or why neither. */
  private record Probe(Transport transport, String redirect, String error) {}

  /**
   * One node: connect, ask LEADER; register if it is the leader, else report whom it names.
   *
   * @param previous this node's answer in an earlier pass, kept when this attempt is only cut by the budget
   */
  private Probe probe(String address, long deadline, String previous) {
    long nodeDeadline = Math.min(deadline, System.nanoTime() + settings.connectTimeout().toNanos());
    Transport t = null;
    try {
      t = Transport.open(address, settings.socketFactory(), settings.verifyHostname(), nodeDeadline,
          settings.maxMessageBytes());
      DqliteNode leader = askLeader(t, nodeDeadline);
      if (leader.address().isEmpty()) {
        t.close();
        return new Probe(null, null, "no known leader");
      }
      if (!leader.address().equals(address)) {
        t.close();
        return new Probe(null, leader.address(), "not the leader; names " + leader.address());
      }
      MessageWriter w = new MessageWriter().putU64(settings.clientId()).finish(Wire.REQUEST_CLIENT, 0);
      int type = exchange(t, w, nodeDeadline, "CLIENT");
      if (type != Wire.RESPONSE_WELCOME) {
        throw DqliteConnection.unexpected(type, "CLIENT", address, true);
      }
      return new Probe(t, null, null);
    } catch (IOException | DqliteException | IllegalArgumentException e) {
      if (t != null) {
        t.close();
      }
      String reason = e instanceof DqliteException ? e.getMessage() : e.toString();
      LOG.log(System.Logger.Level.DEBUG, "dqlite node {0}: {1}", address, reason);
      boolean cutByBudget = nodeDeadline == deadline && e instanceof SocketTimeoutException;
      // An attempt cut short by the end of the discovery budget says less than the node's earlier answer (a
      // refused TLS certificate, say), so that one is kept.
      return new Probe(null, null, cutByBudget && previous != null ? previous : reason);
    }
  }

  private static DqliteNode askLeader(Transport t, long deadline) throws IOException {
    MessageWriter w = new MessageWriter().putU64(0).finish(Wire.REQUEST_LEADER, 0);
    int type = exchange(t, w, deadline, "LEADER");
    if (type != Wire.RESPONSE_NODE) {
      throw DqliteConnection.unexpected(type, "LEADER", t.address(), true);
    }
    MessageReader r = t.body();
    long id = r.u64();
    String address = r.text();
    return new DqliteNode(id, address, DqliteRole.VOTER);
  }

  /** Sends one request and reads one response; a FAILURE becomes a {@link DqliteFailureException}. */
  static int exchange(Transport t, MessageWriter w, long deadline, String what) throws IOException {
    t.send(w, deadline);
    int type = t.receive(deadline);
    if (type == Wire.RESPONSE_FAILURE) {
      throw DqliteConnection.failure(t.body(), t.address());
    }
    return type;
  }

  /**
   * Configures a {@link DqliteClient}. Mutable, single-use and not thread-safe; each setter validates at
   * once and may be called only once.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private List<String> nodes;
    private Duration connectTimeout;
    private Duration callTimeout;
    private Duration discoveryTimeout;
    private Duration backoffBase;
    private Duration backoffCap;
    private Integer statementCacheSize;
    private SocketFactory socketFactory;
    private Boolean verifyHostname;
    private Integer maxMessageBytes;
    private boolean built;

    private Builder() {}

    private static void once(Object current, String name) {
      if (current != null) {
        throw new IllegalStateException(name + " was already set");
      }
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
      return d;
    }

    /**
     * The cluster's node addresses ({@code host:port}, IPv6 as {@code [addr]:port}). Required. Listing
     * every voter makes discovery survive any minority of nodes being down.
     *
     * @param addresses one or more addresses
     * @return this builder
     * @throws NullPointerException if the array or an address is null
     * @throws IllegalArgumentException if none is given, one is malformed, or one repeats
     * @throws IllegalStateException if called twice
     */
    public Builder nodes(String... addresses) {
      Objects.requireNonNull(addresses, "addresses");
      return nodes(List.of(addresses));
    }

    /**
     * The cluster's node addresses, as {@link #nodes(String...)}.
     *
     * @param addresses one or more addresses
     * @return this builder
     * @throws NullPointerException if the list or an address is null
     * @throws IllegalArgumentException if none is given, one is malformed, or one repeats
     * @throws IllegalStateException if called twice
     */
    public Builder nodes(List<String> addresses) {
      once(nodes, "nodes");
      List<String> copy = List.copyOf(addresses);
      if (copy.isEmpty()) {
        throw new IllegalArgumentException("at least one node address is needed");
      }
      Set<String> seen = new LinkedHashSet<>();
      List<String> out = new ArrayList<>();
      for (String a : copy) {
        HostPort.parse(a);
        String trimmed = a.trim();
        if (!seen.add(trimmed)) {
          throw new IllegalArgumentException("node address listed twice: " + trimmed);
        }
        out.add(trimmed);
      }
      nodes = List.copyOf(out);
      return this;
    }

    /**
     * Bound on one TCP connect plus TLS handshake plus the {@code LEADER}/{@code CLIENT} exchange with one
     * node during discovery. Default 5 s.
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if called twice
     */
    public Builder connectTimeout(Duration timeout) {
      once(connectTimeout, "connectTimeout");
      connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * Default deadline of one call on a connection: from sending a request to its complete answer (for a
     * query, each batch of rows has this long to arrive). Connections can change it per call. Default 10 s.
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if called twice
     */
    public Builder callTimeout(Duration timeout) {
      once(callTimeout, "callTimeout");
      callTimeout = positive(timeout, "callTimeout");
      return this;
    }

    /**
     * Total budget of one leader discovery, backoff included. Raft elections after a leader crash took
     * 3-6 s in our measurements, so the default is 15 s.
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if called twice
     */
    public Builder discoveryTimeout(Duration timeout) {
      once(discoveryTimeout, "discoveryTimeout");
      discoveryTimeout = positive(timeout, "discoveryTimeout");
      return this;
    }

    /**
     * Sleep between discovery passes: {@code base}, doubling each pass, never more than {@code cap}.
     * Default 50 ms up to 1 s.
     *
     * @param base the first sleep
     * @param cap the longest sleep
     * @return this builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if either is not positive or {@code cap < base}
     * @throws IllegalStateException if called twice
     */
    public Builder backoff(Duration base, Duration cap) {
      once(backoffBase, "backoff");
      positive(base, "base");
      positive(cap, "cap");
      if (cap.compareTo(base) < 0) {
        throw new IllegalArgumentException("backoff cap " + cap + " is below its base " + base);
      }
      backoffBase = base;
      backoffCap = cap;
      return this;
    }

    /**
     * How many prepared statements each connection keeps, least recently used evicted (and finalized on
     * the server). 0 disables the cache: statements then go as SQL text ({@code EXEC_SQL}/
     * {@code QUERY_SQL}). Default 64.
     *
     * @param size 0 to 10000
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if called twice
     */
    public Builder statementCacheSize(int size) {
      once(statementCacheSize, "statementCacheSize");
      if (size < 0 || size > 10_000) {
        throw new IllegalArgumentException("statementCacheSize must be 0..10000, was " + size);
      }
      statementCacheSize = size;
      return this;
    }

    /**
     * The socket factory for connections to nodes. An {@link SSLSocketFactory} turns on TLS: the client
     * connects plain TCP (bounded by the connect timeout), layers TLS on it and completes the handshake
     * before the dqlite handshake. Default {@link SocketFactory#getDefault()}.
     *
     * @param factory the factory
     * @return this builder
     * @throws NullPointerException if {@code factory} is null
     * @throws IllegalStateException if called twice
     */
    public Builder socketFactory(SocketFactory factory) {
      once(socketFactory, "socketFactory");
      socketFactory = Objects.requireNonNull(factory, "factory");
      return this;
    }

    /**
     * With TLS, whether the server certificate must match the node's host name or IP (HTTPS rules).
     * Default true; turn it off only for certificates that name no host, such as dqlite's self-generated
     * cluster certificates.
     *
     * @param verify whether to verify
     * @return this builder
     * @throws IllegalStateException if called twice
     */
    public Builder verifyHostname(boolean verify) {
      once(verifyHostname, "verifyHostname");
      verifyHostname = verify;
      return this;
    }

    /**
     * Largest response body accepted (a header announcing more is a protocol error, so a corrupt header
     * cannot make the client allocate gigabytes). Must hold the largest single row. Default 256 MiB.
     *
     * @param bytes at least 4096
     * @return this builder
     * @throws IllegalArgumentException if below 4096
     * @throws IllegalStateException if called twice
     */
    public Builder maxMessageBytes(int bytes) {
      once(maxMessageBytes, "maxMessageBytes");
      if (bytes < 4096) {
        throw new IllegalArgumentException("maxMessageBytes must be at least 4096, was " + bytes);
      }
      maxMessageBytes = bytes;
      return this;
    }

    /**
     * Builds the client. Nothing connects yet.
     *
     * @return the client
     * @throws IllegalStateException if no nodes were set, or {@code build()} was already called
     */
    public DqliteClient build() {
      if (built) {
        throw new IllegalStateException("build() was already called");
      }
      if (nodes == null) {
        throw new IllegalStateException("nodes(...) is required");
      }
      built = true;
      return new DqliteClient(new Settings(
          nodes,
          connectTimeout != null ? connectTimeout : Duration.ofSeconds(5),
          callTimeout != null ? callTimeout : Duration.ofSeconds(10),
          discoveryTimeout != null ? discoveryTimeout : Duration.ofSeconds(15),
          backoffBase != null ? backoffBase : Duration.ofMillis(50),
          backoffCap != null ? backoffCap : Duration.ofSeconds(1),
          statementCacheSize != null ? statementCacheSize : 64,
          socketFactory != null ? socketFactory : SocketFactory.getDefault(),
          verifyHostname != null ? verifyHostname : true,
          maxMessageBytes != null ? maxMessageBytes : 256 << 20,
          new SecureRandom().nextLong() & Long.MAX_VALUE));
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "DqliteClient.Builder[nodes=%s]", nodes);
    }
  }
}
