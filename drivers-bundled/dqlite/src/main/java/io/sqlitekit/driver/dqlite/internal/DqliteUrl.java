package io.sqlitekit.driver.dqlite.internal;

import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.Messages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Internal, not API, may change. A parsed {@code dqlite://host:port[,host:port…]/database[?options]} URL.
 *
 * <p>Options (durations as {@code 250ms}, {@code 5s} or plain milliseconds): {@code connectTimeout} (per node
 * during discovery, default 5 s), {@code callTimeout} (per request, default 10 s), {@code discoveryTimeout}
 * (whole leader search, default 15 s), {@code busyTimeout} (how long a write retries SQLITE_BUSY at
 * {@code BEGIN IMMEDIATE}; default the {@code busy_timeout} pragma of the options, else 5 s). Anything else is
 * refused, so a typo never silently falls back to a default.
 *
 * @param nodes the node addresses, in order
 * @param database the database name
 * @param connectTimeout per-node connect budget
 * @param callTimeout per-request deadline
 * @param discoveryTimeout leader search budget
 * @param busyTimeout SQLITE_BUSY retry budget, or null to take it from the pragmas
 * @since 0.1.0
 */
record DqliteUrl(List<String> nodes, String database, Duration connectTimeout, Duration callTimeout,
    Duration discoveryTimeout, Duration busyTimeout) {
  static final String PREFIX = "dqlite://";
  private static final Set<String> OPTIONS = Set.of("connectTimeout", "callTimeout", "discoveryTimeout",
      "busyTimeout");

  DqliteUrl {
    nodes = List.copyOf(nodes);
    Objects.requireNonNull(database, "database");
  }

  /**
   * Parses a URL.
   *
   * @param url the URL
   * @return the parsed form
   * @throws ConfigurationException naming what is wrong, without echoing option values
   */
  static DqliteUrl parse(String url) {
    Objects.requireNonNull(url, "url");
    if (!url.startsWith(PREFIX)) {
      throw bad("it must start with dqlite://");
    }
    String rest = url.substring(PREFIX.length());
    int q = rest.indexOf('?');
    String query = q < 0 ? "" : rest.substring(q + 1);
    String path = q < 0 ? rest : rest.substring(0, q);
    int slash = path.indexOf('/');
    if (slash < 0) {
      throw bad("the database name is missing: dqlite://host:port,host:port/DATABASE");
    }
    String hosts = path.substring(0, slash);
    String database = path.substring(slash + 1);
    if (!database.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")) {
      throw bad("the database name must be 1-128 letters, digits, '_', '.' or '-' and not start with '.' or '-'");
    }
    List<String> nodes = new ArrayList<>();
    for (String h : hosts.split(",", -1)) {
      String t = h.trim();
      if (!t.matches("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+):[0-9]{1,5}")) {
        throw bad("node " + Messages.quote(t) + " is not host:port (IPv6 as [addr]:port)");
      }
      int port = Integer.parseInt(t.substring(t.lastIndexOf(':') + 1));
      if (port < 1 || port > 65535) {
        throw bad("node " + Messages.quote(t) + " has a port outside 1..65535");
      }
      if (nodes.contains(t)) {
        throw bad("node " + Messages.quote(t) + " is listed twice");
      }
      nodes.add(t);
    }
    Map<String, Duration> opts = new LinkedHashMap<>();
    if (!query.isEmpty()) {
      for (String pair : query.split("&", -1)) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        if (!OPTIONS.contains(name)) {
          throw bad("unknown option " + Messages.quote(name) + "; known: busyTimeout, callTimeout, connectTimeout,"
              + " discoveryTimeout");
        }
        if (eq < 0 || opts.containsKey(name)) {
          throw bad("option " + name + " needs exactly one value");
        }
        opts.put(name, duration(name, pair.substring(eq + 1)));
      }
    }
    return new DqliteUrl(nodes, database,
        opts.getOrDefault("connectTimeout", Duration.ofSeconds(5)),
        opts.getOrDefault("callTimeout", Duration.ofSeconds(10)),
        opts.getOrDefault("discoveryTimeout", Duration.ofSeconds(15)),
        opts.get("busyTimeout"));
  }

  private static Duration duration(String name, String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    long factor = 1;
    if (t.endsWith("ms")) {
      t = t.substring(0, t.length() - 2);
    } else if (t.endsWith("s")) {
      t = t.substring(0, t.length() - 1);
      factor = 1000;
    }
    if (!t.matches("[0-9]{1,9}")) {
      throw bad("option " + name + " must be a duration such as 500ms or 5s");
    }
    long ms = Long.parseLong(t) * factor;
    boolean zeroAllowed = name.equals("busyTimeout");
    if (ms == 0 && !zeroAllowed) {
      throw bad("option " + name + " must be positive");
    }
    return Duration.ofMillis(ms);
  }

  private static ConfigurationException bad(String why) {
    return new ConfigurationException("invalid dqlite URL: " + why);
  }
}
