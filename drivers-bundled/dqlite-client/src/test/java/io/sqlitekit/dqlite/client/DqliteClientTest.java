package io.sqlitekit.dqlite.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.dqlite.client.FakeDqliteServer.Req;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Leader discovery (redirects, unknown leader, dead and silent nodes, backoff budget) and the builder. */
final class DqliteClientTest {
  private static DqliteClient.Builder fast(String... nodes) {
    return DqliteClient.builder().nodes(nodes).connectTimeout(Duration.ofMillis(500))
        .callTimeout(Duration.ofSeconds(2)).backoff(Duration.ofMillis(20), Duration.ofMillis(100));
  }

  /** An address nothing listens on: bind a port, then free it. */
  private static String deadAddress() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "127.0.0.1:" + s.getLocalPort();
    }
  }

  @Test
  void discovery_followerRedirectsToLeader() throws IOException {
    try (FakeDqliteServer follower = new FakeDqliteServer(); FakeDqliteServer leader = new FakeDqliteServer()) {
      follower.leader = leader.address;
      follower.leaderId = 2;
      DqliteClient client = fast(follower.address).discoveryTimeout(Duration.ofSeconds(2)).build();
      try (DqliteConnection conn = client.connect("app")) {
        assertEquals(leader.address, conn.address());
      }
      assertEquals(List.of(0), follower.log.stream().map(Req::type).toList(), "only asked LEADER");
      assertEquals(List.of(0, 1, 3), leader.log.stream().map(Req::type).toList());
    }
  }

  @Test
  void discovery_skipsDeadAndLeaderlessNodes() throws IOException {
    try (FakeDqliteServer leaderless = new FakeDqliteServer(); FakeDqliteServer leader = new FakeDqliteServer()) {
      leaderless.leader = "";
      String dead = deadAddress();
      DqliteClient client = fast(dead, leaderless.address, leader.address)
          .discoveryTimeout(Duration.ofSeconds(2)).build();
      try (DqliteConnection conn = client.connect("app")) {
        assertEquals(leader.address, conn.address());
      }
      // The client remembers the leader: the next connect asks it first. The first pass asked every node at once
      // and returned on the leader's answer, so the leaderless node may log its request a moment later (CI on
      // JDK 25 read 0 here, then 1): wait for it before counting.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      while (leaderless.requests(0).isEmpty() && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      int before = leaderless.requests(0).size();
      try (DqliteConnection conn = client.connect("app")) {
        assertEquals(leader.address, conn.address());
      }
      assertEquals(before, leaderless.requests(0).size(), "last leader tried first");
    }
  }

  @Test
  void discovery_silentNode_doesNotDelayTheLeader_andIsBoundedByConnectTimeout() throws IOException {
    try (FakeDqliteServer silent = new FakeDqliteServer(); FakeDqliteServer leader = new FakeDqliteServer()) {
      silent.stallLeader = true;
      DqliteClient client = fast(silent.address, leader.address)
          .discoveryTimeout(Duration.ofSeconds(3)).build();
      long t0 = System.nanoTime();
      try (DqliteConnection conn = client.connect("app")) {
        assertEquals(leader.address, conn.address());
      }
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      // The nodes are asked at once: the leader listed after a silent node answers without waiting for it.
      assertTrue(ms < 400, "the silent node (connect timeout 500 ms) delayed discovery: took " + ms + " ms");
      DqliteClient onlySilent = fast(silent.address).discoveryTimeout(Duration.ofSeconds(3)).build();
      t0 = System.nanoTime();
      DqliteNoLeaderException e = assertThrows(DqliteNoLeaderException.class, () -> onlySilent.connect("app"));
      ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertTrue(ms >= 2_900 && ms < 4_500, "bounded by the discovery timeout, took " + ms + " ms");
      assertTrue(e.passes() >= 2 && e.passes() <= 6, "each pass bounded by the connect timeout: " + e.passes());
    }
  }

  @Test
  void discovery_noLeader_typedErrorWithinBudget() throws IOException {
    try (FakeDqliteServer leaderless = new FakeDqliteServer(); FakeDqliteServer pingPong = new FakeDqliteServer()) {
      leaderless.leader = "";
      // Names a leader that in turn names someone else: followed once per pass, never in a loop.
      String dead = deadAddress();
      pingPong.leader = leaderless.address;
      DqliteClient client = fast(dead, leaderless.address, pingPong.address)
          .discoveryTimeout(Duration.ofMillis(600)).build();
      long t0 = System.nanoTime();
      DqliteNoLeaderException e = assertThrows(DqliteNoLeaderException.class, () -> client.connect("app"));
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertTrue(ms >= 550 && ms < 1_600, "bounded by the discovery timeout, took " + ms);
      assertTrue(e.passes() > 1, "retried with backoff: " + e.passes());
      assertEquals(List.of(dead, leaderless.address, pingPong.address), List.copyOf(e.lastErrors().keySet()));
      assertTrue(e.lastErrors().get(leaderless.address).contains("no known leader"));
      assertTrue(e.lastErrors().get(pingPong.address).contains("names " + leaderless.address));
      assertTrue(e.lastErrors().get(dead).contains("Connection refused"), e.lastErrors().get(dead));
      assertEquals(leaderless.address, client.leader().orElseThrow().address(),
          "leader() reports the first claim it hears without verifying it");
    }
  }

  @Test
  void leader_reportsWhatTheNodesSay() throws IOException {
    try (FakeDqliteServer follower = new FakeDqliteServer()) {
      follower.leader = "10.1.2.3:9001";
      follower.leaderId = 77;
      DqliteClient client = fast(follower.address).build();
      assertEquals(new DqliteNode(77, "10.1.2.3:9001", DqliteRole.VOTER), client.leader().orElseThrow());
    }
  }

  @Test
  void builder_validates() {
    assertThrows(IllegalArgumentException.class, () -> DqliteClient.builder().nodes());
    assertThrows(IllegalArgumentException.class, () -> DqliteClient.builder().nodes("nohost"));
    assertThrows(IllegalArgumentException.class, () -> DqliteClient.builder().nodes("h:0"));
    assertThrows(IllegalArgumentException.class, () -> DqliteClient.builder().nodes("h:1", "h:1"));
    assertThrows(IllegalArgumentException.class, () -> DqliteClient.builder().nodes("::1:9001"));
    assertThrows(NullPointerException.class, () -> DqliteClient.builder().nodes((String) null));
    assertThrows(IllegalArgumentException.class,
        () -> DqliteClient.builder().callTimeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class,
        () -> DqliteClient.builder().backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> DqliteClient.builder().statementCacheSize(-1));
    assertThrows(IllegalArgumentException.class, () -> DqliteClient.builder().maxMessageBytes(100));
    DqliteClient.Builder b = DqliteClient.builder().nodes("[::1]:9001", "localhost:9002");
    assertThrows(IllegalStateException.class, () -> b.nodes("h:1"), "setters run once");
    DqliteClient c = b.build();
    assertEquals(List.of("[::1]:9001", "localhost:9002"), c.nodes());
    assertThrows(IllegalStateException.class, b::build, "single use");
    assertThrows(IllegalStateException.class, () -> DqliteClient.builder().build(), "nodes required");
    assertThrows(IllegalArgumentException.class, () -> c.connect(""));
    assertThrows(NullPointerException.class, () -> c.connect(null));
  }
}
