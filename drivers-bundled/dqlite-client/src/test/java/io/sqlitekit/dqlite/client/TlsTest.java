package io.sqlitekit.dqlite.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS through an {@link javax.net.ssl.SSLSocketFactory}: a fake node behind a real TLS server socket with
 * a self-signed certificate made by the JDK's keytool. Host-name verification is on by default.
 */
final class TlsTest {
  @TempDir
  static Path dir;

  private static SSLContext forIp;
  private static SSLContext forOtherHost;

  /** Starts keytool for a self-signed EC key pair whose certificate has the given SAN. */
  private static Process keytool(String name, String san) throws Exception {
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    return new ProcessBuilder(keytool, "-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname",
        "secp256r1", "-dname", "CN=" + name, "-ext", "SAN=" + san, "-validity", "2", "-storetype",
        "PKCS12", "-keystore", dir.resolve(name + ".p12").toString(), "-storepass", "changeit",
        "-keypass", "changeit").redirectErrorStream(true).start();
  }

  /** Waits for keytool, then builds a context that presents the key and trusts only its certificate. */
  private static SSLContext context(String name, Process p) throws Exception {
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool failed: " + out);
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(dir.resolve(name + ".p12"))) {
      store.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, "changeit".toCharArray());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return ctx;
  }

  @BeforeAll
  static void certificates() throws Exception {
    // Both keytool runs in parallel: each is a JVM start.
    Process node = keytool("node", "ip:127.0.0.1");
    Process other = keytool("other", "dns:other.example");
    forIp = context("node", node);
    forOtherHost = context("other", other);
  }

  private static DqliteClient.Builder client(FakeDqliteServer s, SSLContext trust) {
    return DqliteClient.builder().nodes(s.address).socketFactory(trust.getSocketFactory())
        .connectTimeout(Duration.ofSeconds(2)).callTimeout(Duration.ofSeconds(2))
        .discoveryTimeout(Duration.ofMillis(800)).backoff(Duration.ofMillis(50), Duration.ofMillis(200));
  }

  @Test
  void tls_roundTrip_withHostnameVerification() throws Exception {
    try (FakeDqliteServer s = new FakeDqliteServer(forIp.getServerSocketFactory());
        DqliteConnection conn = client(s, forIp).build().connect("app");
        DqliteRows rows = conn.query("SELECT ?", "over tls")) {
      assertTrue(rows.next());
      assertEquals("over tls", rows.getString(0));
      assertEquals(List.of(1L), s.handshakes, "dqlite handshake after the TLS handshake");
    }
  }

  @Test
  void tls_certificateForAnotherHost_refusedUnlessVerificationOff() throws Exception {
    try (FakeDqliteServer s = new FakeDqliteServer(forOtherHost.getServerSocketFactory())) {
      DqliteNoLeaderException e = assertThrows(DqliteNoLeaderException.class,
          () -> client(s, forOtherHost).build().connect("app"));
      String why = e.lastErrors().get(s.address);
      assertTrue(why.contains("SSLHandshakeException"), why);
      assertTrue(s.handshakes.isEmpty(), "no dqlite byte crossed an unverified channel");
      try (DqliteConnection conn = client(s, forOtherHost).verifyHostname(false).build().connect("app")) {
        assertEquals(new DqliteResult(0, 0), conn.exec("SELECT 1"));
      }
    }
  }

  @Test
  void tls_untrustedCertificate_refused() throws Exception {
    try (FakeDqliteServer s = new FakeDqliteServer(forOtherHost.getServerSocketFactory())) {
      DqliteNoLeaderException e = assertThrows(DqliteNoLeaderException.class,
          () -> client(s, forIp).verifyHostname(false).build().connect("app"));
      assertTrue(e.lastErrors().get(s.address).contains("SSLHandshakeException"), e.getMessage());
    }
  }
}
