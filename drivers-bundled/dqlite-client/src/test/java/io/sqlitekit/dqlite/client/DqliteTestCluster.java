package io.sqlitekit.dqlite.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real dqlite cluster of {@code dqlite-demo} nodes on loopback for integration tests (the recipe of
 * {@code shared/reference/dqlite.md}): node 1 bootstraps, the others {@code --join} it and are promoted
 * to voters by dqlite-demo itself. Nodes are stopped by their process handles (pids) in {@link #close()},
 * and by a shutdown hook if the JVM ends first.
 */
final class DqliteTestCluster implements AutoCloseable {
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

  final List<String> addresses = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();
  private final Path dir;
  private final Thread reaper = new Thread(this::stopAll, "dqlite-test-cluster-reaper");

  private DqliteTestCluster(Path dir) {
    this.dir = dir;
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  /**
   * Makes sure {@code dqlite-demo} is on the PATH, installing Debian's {@code go-dqlite} when it is not
   * and this process runs as root ({@code apt-get update} once, then {@code apt-get install -y}).
   *
   * @return null when the server is available, else why not (the caller skips and prints it)
   */
  static String installIfMissing() throws IOException, InterruptedException {
    if (onPath("dqlite-demo")) {
      return null;
    }
    String uid = run(List.of("id", "-u"), Duration.ofSeconds(10)).output().trim();
    if (!uid.equals("0")) {
      return "dqlite-demo is not installed and this user (uid " + uid + ") is not root, so "
          + "'apt-get install go-dqlite' cannot run; install go-dqlite to run these tests";
    }
    if (!onPath("apt-get")) {
      return "dqlite-demo is not installed and there is no apt-get to install go-dqlite with";
    }
    System.err.println("[dqlite IT] dqlite-demo missing: apt-get update && apt-get install -y go-dqlite");
    Result update = run(List.of("apt-get", "update"), INSTALL_TIMEOUT);
    Result install = run(List.of("apt-get", "install", "-y", "go-dqlite"), INSTALL_TIMEOUT);
    if (!onPath("dqlite-demo")) {
      return "'apt-get install -y go-dqlite' did not provide dqlite-demo (update exit " + update.exit()
          + ", install exit " + install.exit() + "): " + tail(install.output(), 600);
    }
    return null;
  }

  /**
   * Starts {@code n} nodes on free loopback ports and waits until all are voters and one leads.
   *
   * @param n number of nodes, at least 1
   * @param dir a fresh directory for data dirs and logs
   */
  static DqliteTestCluster start(int n, Path dir) throws Exception {
    DqliteTestCluster c = new DqliteTestCluster(dir);
    try {
      int[] ports = freePorts(2 * n);
      for (int i = 0; i < n; i++) {
        c.addresses.add("127.0.0.1:" + ports[i]);
      }
      for (int i = 0; i < n; i++) {
        Path data = Files.createDirectories(dir.resolve("n" + (i + 1)));
        List<String> cmd = new ArrayList<>(List.of("dqlite-demo", "--api", "127.0.0.1:" + ports[n + i],
            "--db", c.addresses.get(i), "-D", data.toString()));
        if (i > 0) {
          cmd.addAll(List.of("--join", c.addresses.get(0)));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
            .redirectOutput(dir.resolve("n" + (i + 1) + ".log").toFile()).start();
        c.processes.add(p);
        if (i == 0) {
          // The others join through node 1, so it must lead first.
          c.awaitUntil(Duration.ofSeconds(30), "node 1 to lead", () -> c.client(List.of(c.addresses.get(0)))
              .leader().map(l -> l.address().equals(c.addresses.get(0))).orElse(false));
        }
      }
      c.awaitUntil(Duration.ofSeconds(60), n + " voters", () -> {
        List<DqliteNode> nodes = c.client(c.addresses).cluster();
        return nodes.size() == n && nodes.stream().allMatch(x -> x.role() == DqliteRole.VOTER);
      });
      return c;
    } catch (Exception | Error e) {
      String logs = c.logs();
      c.close();
      throw new IllegalStateException("dqlite cluster did not start: " + e + "\n" + logs, e);
    }
  }

  /** A client with short timeouts, for polling and for tests. */
  DqliteClient client(List<String> nodes) {
    return DqliteClient.builder().nodes(nodes).connectTimeout(Duration.ofSeconds(1))
        .callTimeout(Duration.ofSeconds(5)).discoveryTimeout(Duration.ofSeconds(10))
        .backoff(Duration.ofMillis(20), Duration.ofMillis(250)).build();
  }

  /** The pid of the node at an address. */
  long pid(String address) {
    return processes.get(addresses.indexOf(address)).pid();
  }

  /** SIGKILLs the node at an address and waits for it to die. */
  void kill(String address) throws InterruptedException {
    Process p = processes.get(addresses.indexOf(address));
    p.destroyForcibly();
    p.waitFor(10, TimeUnit.SECONDS);
  }

  interface Check {
    boolean ok() throws Exception;
  }

  private void awaitUntil(Duration max, String what, Check check) throws Exception {
    long deadline = System.nanoTime() + max.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      for (Process p : processes) {
        if (!p.isAlive()) {
          throw new IllegalStateException("a dqlite-demo process (pid " + p.pid() + ") exited with "
              + p.exitValue() + " while waiting for " + what);
        }
      }
      try {
        if (check.ok()) {
          return;
        }
      } catch (DqliteException e) {
        last = e;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("timed out after " + max + " waiting for " + what, last);
  }

  /** The last lines of every node's log, for failure messages. */
  String logs() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < processes.size(); i++) {
      Path log = dir.resolve("n" + (i + 1) + ".log");
      try {
        sb.append("--- n").append(i + 1).append(" (pid ").append(processes.get(i).pid()).append(")\n")
            .append(tail(Files.readString(log, StandardCharsets.UTF_8), 1500)).append('\n');
      } catch (IOException e) {
        sb.append("--- n").append(i + 1).append(": no log: ").append(e).append('\n');
      }
    }
    return sb.toString();
  }

  private void stopAll() {
    for (Process p : processes) {
      p.destroy(); // SIGTERM: dqlite-demo hands leadership over and exits
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    for (Process p : processes) {
      try {
        if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Stops every node by pid, SIGTERM then SIGKILL after 5 s, and deletes the data dirs (~25 MB a node). */
  @Override
  public void close() {
    stopAll();
    try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      System.err.println("[dqlite IT] could not delete " + dir + ": " + e);
    }
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down and the hook runs anyway.
    }
  }

  /** Which node processes are still alive, by address. */
  Map<String, Boolean> alive() {
    return addresses.stream().collect(Collectors.toMap(a -> a, a -> processes.get(addresses.indexOf(a))
        .isAlive()));
  }

  Set<String> addressSet() {
    return Set.copyOf(addresses);
  }

  private static int[] freePorts(int n) throws IOException {
    List<ServerSocket> held = new ArrayList<>();
    try {
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        held.add(s);
        ports[i] = s.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
  }

  private static boolean onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    for (String d : path.split(":")) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
        return true;
      }
    }
    return false;
  }

  private record Result(int exit, String output) {}

  private static Result run(List<String> cmd, Duration timeout) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
    Path out = Files.createTempFile("dqlite-it-", ".log");
    try {
      Process p = pb.redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(
          Path.of("/dev/null").toFile())).start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        return new Result(-1, "timed out after " + timeout + ": " + Files.readString(out));
      }
      return new Result(p.exitValue(), Files.readString(out));
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static String tail(String s, int max) {
    return s.length() <= max ? s : "…" + s.substring(s.length() - max);
  }
}
