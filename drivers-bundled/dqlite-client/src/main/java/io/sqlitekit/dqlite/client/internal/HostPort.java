package io.sqlitekit.dqlite.client.internal;

import java.util.Locale;

/**
 * Internal, not API, may change: a node address as dqlite spells it, {@code host:port} or
 * {@code [ipv6]:port}.
 *
 * @param host the host name or literal address, without brackets
 * @param port the TCP port, 1 to 65535
 */
public record HostPort(String host, int port) {
  /**
   * Parses an address.
   *
   * @param address {@code host:port} or {@code [ipv6]:port}
   * @return the parsed address
   * @throws IllegalArgumentException if it has no port, an empty host or a port outside 1..65535
   */
  public static HostPort parse(String address) {
    String a = address.trim();
    String host;
    String port;
    if (a.startsWith("[")) {
      int close = a.indexOf(']');
      if (close < 0 || close + 1 >= a.length() || a.charAt(close + 1) != ':') {
        throw bad(address, "expected [ipv6]:port");
      }
      host = a.substring(1, close);
      port = a.substring(close + 2);
    } else {
      int colon = a.lastIndexOf(':');
      if (colon < 0 || a.indexOf(':') != colon) {
        throw bad(address, "expected host:port (IPv6 literals go in brackets)");
      }
      host = a.substring(0, colon);
      port = a.substring(colon + 1);
    }
    if (host.isEmpty()) {
      throw bad(address, "empty host");
    }
    int p;
    try {
      p = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw bad(address, "port is not a number");
    }
    if (p < 1 || p > 65535) {
      throw bad(address, "port outside 1..65535");
    }
    return new HostPort(host, p);
  }

  private static IllegalArgumentException bad(String address, String why) {
    return new IllegalArgumentException(
        String.format(Locale.ROOT, "bad dqlite node address '%s': %s", address, why));
  }
}
