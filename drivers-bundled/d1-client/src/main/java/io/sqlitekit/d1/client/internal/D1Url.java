package io.sqlitekit.d1.client.internal;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Internal, not API, may change: parses the client's URL forms.
 *
 * <ul>
 *   <li>{@code d1://<account-id>/<database>[?options]}: Cloudflare's REST API.
 *   <li>{@code d1+http://<host>[:port]/<database>[?options]} and {@code d1+https://…}: the local explorer of
 *       {@code wrangler dev} (or anything serving the same API under {@code /cdn-cgi/explorer/api}).
 * </ul>
 *
 * <p>{@code <database>} is the database's UUID or its name. Options: {@code token}, {@code tokenEnv} (the
 * name of an environment variable holding the token), {@code connectTimeoutMs}, {@code requestTimeoutMs},
 * {@code deadlineMs}, {@code maxAttempts}. An unknown or repeated option is an error, so a typo never goes
 * unnoticed. No message of this class contains the URL or any option value, because the URL may hold a
 * token.
 */
public final class D1Url {
  /** Options the URL may carry. */
  public static final Set<String> OPTIONS =
      Set.of("token", "tokenEnv", "connectTimeoutMs", "requestTimeoutMs", "deadlineMs", "maxAttempts");
  private static final Pattern ACCOUNT = Pattern.compile("[0-9A-Za-z_-]{1,64}");
  private static final Pattern UUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private D1Url() {}

  /**
   * A parsed URL.
   *
   * @param local true for the local-explorer form
   * @param explorerBase for the local form, {@code http(s)://host:port}; null for the Cloudflare form
   * @param account the account id, null for the local form
   * @param database the database UUID or name
   * @param options the options, decoded, in URL order
   */
  public record Parsed(boolean local, URI explorerBase, String account, String database,
      Map<String, String> options) {
    @Override
    public String toString() {
      return "D1Url[local=" + local + ", database=" + database + ", options=" + options.keySet() + "]";
    }
  }

  /**
   * Parses a URL.
   *
   * @param url the URL
   * @return its parts
   * @throws IllegalArgumentException if it is not one of the forms; the message never repeats the URL
   */
  public static Parsed parse(String url) {
    String scheme;
    int colon = url.indexOf("://");
    if (colon < 0) {
      throw new IllegalArgumentException("not a D1 URL: expected d1://<account>/<database> or "
          + "d1+http://<host>:<port>/<database>");
    }
    scheme = url.substring(0, colon).toLowerCase(Locale.ROOT);
    String rest = url.substring(colon + 3);
    String query = null;
    int q = rest.indexOf('?');
    if (q >= 0) {
      query = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    if (rest.indexOf('#') >= 0) {
      throw new IllegalArgumentException("a D1 URL has no fragment (#)");
    }
    int slash = rest.indexOf('/');
    if (slash <= 0) {
      throw new IllegalArgumentException("a D1 URL needs an authority and a database: "
          + "d1://<account>/<database> or d1+http://<host>:<port>/<database>");
    }
    String authority = rest.substring(0, slash);
    String path = rest.substring(slash + 1);
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.isEmpty() || path.indexOf('/') >= 0) {
      throw new IllegalArgumentException("a D1 URL's path is exactly one segment, the database id or name");
    }
    String database = percentDecode(path, "database");
    if (database.isBlank()) {
      throw new IllegalArgumentException("empty database in D1 URL");
    }
    Map<String, String> options = options(query);
    if (authority.indexOf('@') >= 0) {
      throw new IllegalArgumentException("a D1 URL carries no user info; pass the token as ?token= or with "
          + "the builder");
    }
    switch (scheme) {
      case "d1":
        if (!ACCOUNT.matcher(authority).matches()) {
          throw new IllegalArgumentException("the authority of a d1:// URL is the Cloudflare account id "
              + "(letters, digits, '-', '_')");
        }
        return new Parsed(false, null, authority, database, options);
      case "d1+http":
      case "d1+https":
        URI base;
        try {
          base = new URI(scheme.substring(3) + "://" + authority);
        } catch (URISyntaxException e) {
          throw new IllegalArgumentException("bad host or port in local D1 URL");
        }
        if (base.getHost() == null) {
          throw new IllegalArgumentException("bad host or port in local D1 URL");
        }
        return new Parsed(true, base, null, database, options);
      default:
        throw new IllegalArgumentException("unknown D1 URL scheme '" + scheme + "': expected d1, d1+http or "
            + "d1+https");
    }
  }

  /**
   * Whether a database reference is a UUID (used as is) rather than a name (looked up).
   *
   * @param database the reference
   * @return true for UUID syntax
   */
  public static boolean isUuid(String database) {
    return UUID.matcher(database).matches();
  }

  private static Map<String, String> options(String query) {
    Map<String, String> options = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return options;
    }
    for (String pair : query.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = percentDecode(eq < 0 ? pair : pair.substring(0, eq), "option name");
      if (!OPTIONS.contains(key)) {
        throw new IllegalArgumentException("unknown D1 URL option '" + printable(key) + "'; known: "
            + new java.util.TreeSet<>(OPTIONS));
      }
      if (eq < 0) {
        throw new IllegalArgumentException("D1 URL option '" + key + "' has no value");
      }
      String value = percentDecode(pair.substring(eq + 1), "option " + key);
      if (options.put(key, value) != null) {
        throw new IllegalArgumentException("D1 URL option '" + key + "' given twice");
      }
    }
    return options;
  }

  /** A key shown in a message: only short, plain ones, so a mistyped "tokne=<secret>" leaks nothing. */
  private static String printable(String key) {
    return key.length() <= 24 && key.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')
        ? key : "(" + key.length() + " characters)";
  }

  /** %XX decoding as UTF-8; '+' stays '+' (tokens may contain it). */
  static String percentDecode(String s, String what) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          throw new IllegalArgumentException("bad %-escape in the D1 URL's " + what);
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new IllegalArgumentException("bad %-escape in the D1 URL's " + what);
        }
        out.write(hi * 16 + lo);
        i += 2;
      } else {
        int end = s.indexOf('%', i);
        end = end < 0 ? s.length() : end;
        byte[] b = s.substring(i, end).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
        i = end - 1;
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
