package io.sqlitekit.d1.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a {@link D1Client} sends its requests: Cloudflare's REST API for one account and database, or the
 * local explorer of {@code wrangler dev}. Holds no credentials; {@link #toString()} is the URL without its
 * options, e.g. {@code d1://0123abcd/my-db} or {@code d1+http://127.0.0.1:8787/DB}.
 *
 * @since 0.1.0
 */
public final class D1Endpoint {
  /** Cloudflare's API base, {@code https://api.cloudflare.com/client/v4}. */
  public static final URI CLOUDFLARE_API = URI.create("https://api.cloudflare.com/client/v4");

  /** Which API an endpoint speaks. */
  public enum Kind {
    /** {@code POST {api}/accounts/{account}/d1/database/{id}/raw}, bearer token required. */
    CLOUDFLARE,
    /**
     * {@code POST {host}/cdn-cgi/explorer/api/d1/database/{id}/raw}: the local explorer of
     * {@code wrangler dev}, no authentication.
     */
    LOCAL
  }

  private final Kind kind;
  private final URI apiBase;
  private final String account;
  private final String database;

  private D1Endpoint(Kind kind, URI apiBase, String account, String database) {
    this.kind = kind;
    this.apiBase = apiBase;
    this.account = account;
    this.database = database;
  }

  /**
   * Cloudflare's REST API.
   *
   * @param apiBase the API base, normally {@link #CLOUDFLARE_API}
   * @param account the account id
   * @param database the database UUID or name
   * @return the endpoint
   */
  static D1Endpoint cloudflare(URI apiBase, String account, String database) {
    return new D1Endpoint(Kind.CLOUDFLARE, stripSlash(apiBase), Objects.requireNonNull(account, "account"),
        Objects.requireNonNull(database, "database"));
  }

  /**
   * A local explorer.
   *
   * @param host the dev server, e.g. {@code http://127.0.0.1:8787}
   * @param database the database id (the binding's {@code database_id}) or binding name
   * @return the endpoint
   */
  static D1Endpoint local(URI host, String database) {
    URI base = URI.create(stripSlash(host) + "/cdn-cgi/explorer/api");
    return new D1Endpoint(Kind.LOCAL, base, null, Objects.requireNonNull(database, "database"));
  }

  private static URI stripSlash(URI u) {
    String s = u.toString();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return URI.create(s);
  }

  /**
   * Which API this is.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * The API base all paths hang off: {@code https://api.cloudflare.com/client/v4} or
   * {@code http://host:port/cdn-cgi/explorer/api}.
   *
   * @return the base
   */
  public URI apiBase() {
    return apiBase;
  }

  /**
   * The Cloudflare account id.
   *
   * @return the account, empty for a local endpoint
   */
  public Optional<String> account() {
    return Optional.ofNullable(account);
  }

  /**
   * The database as configured: a UUID, or a name that the client looks up once.
   *
   * @return the reference
   */
  public String database() {
    return database;
  }

  /** The URI that lists databases. */
  URI listUri() {
    return URI.create(apiBase + (kind == Kind.CLOUDFLARE ? "/accounts/" + segment(account) : "")
        + "/d1/database");
  }

  /** The URI of the {@code raw} query endpoint for a database id. */
  URI rawUri(String databaseId) {
    return URI.create(listUri() + "/" + segment(databaseId) + "/raw");
  }

  /** Percent-encodes one path segment (RFC 3986 unreserved characters stay). */
  static String segment(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
          || c == '_' || c == '~') {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return sb.toString();
  }

  /** The URL form without options (and so without a token). */
  @Override
  public String toString() {
    if (kind == Kind.CLOUDFLARE) {
      String s = "d1://" + account + "/" + segment(database);
      return apiBase.equals(CLOUDFLARE_API) ? s : s + " via " + apiBase;
    }
    URI host = URI.create(apiBase.toString().substring(0, apiBase.toString().length()
        - "/cdn-cgi/explorer/api".length()));
    return "d1+" + host.getScheme() + "://" + host.getRawAuthority() + "/" + segment(database);
  }
}
