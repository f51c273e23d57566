package io.sqlitekit.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real dqlite cluster of {@code dqlite-demo} nodes on free loopback ports, for integration tests (the recipe
 * of {@code shared/reference/dqlite.md}): node 1 bootstraps, the others {@code --join} it and dqlite-demo
 * promotes them to voters. Readiness is checked with Debian's {@code dqlite} shell, so this class needs only
 * the JDK. Nodes are stopped by their process handles (pids) in {@link #close()}, and by a shutdown hook if the
 * JVM ends first. A killed node restarts with the same address and data directory, without {@code --join}.
 *
 * @since 0.1.0
 */
public final class DqliteCluster implements AutoCloseable {
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

  private final List<String> addresses = new ArrayList<>();
  private final List<String> apis = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();
  private final Path dir;
  private final Thread reaper = new Thread(this::stopAll, "dqlite-cluster-reaper");

  private DqliteCluster(Path dir) {
    this.dir = dir;
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  /**
   * Makes sure {@code dqlite-demo} and {@code dqlite} are on the PATH, installing Debian's {@code go-dqlite}
   * when they are not and this process runs as root ({@code apt-get update}, then {@code apt-get install -y}).
   *
   * @return null when the server is available, else why not
   * @throws IOException if a command cannot be started
   * @throws InterruptedException if interrupted while installing
   */
  public static String installIfMissing() throws IOException, InterruptedException {
    if (ChildProcesses.onPath("dqlite-demo") && ChildProcesses.onPath("dqlite")) {
      return null;
    }
    String uid = run(List.of("id", "-u"), Duration.ofSeconds(10)).trim();
    if (!uid.equals("0")) {
      return "dqlite-demo is not installed and this user (uid " + uid + ") is not root, so "
          + "'apt-get install go-dqlite' cannot run; install go-dqlite to run these tests";
    }
    if (!ChildProcesses.onPath("apt-get")) {
      return "dqlite-demo is not installed and there is no apt-get to install go-dqlite with";
    }
    System.err.println("[dqlite] dqlite-demo missing: apt-get update && apt-get install -y go-dqlite");
    try {
      run(List.of("apt-get", "update"), INSTALL_TIMEOUT);
    } catch (IOException e) {
      // A partly failing update (one unreachable mirror) may still leave go-dqlite installable.
      System.err.println("[dqlite] apt-get update: " + e.getMessage());
    }
    String out;
    try {
      out = run(List.of("apt-get", "install", "-y", "go-dqlite"), INSTALL_TIMEOUT);
    } catch (IOException e) {
      out = e.getMessage();
    }
    if (!ChildProcesses.onPath("dqlite-demo")) {
      return "'apt-get install -y go-dqlite' did not provide dqlite-demo: " + ChildProcesses.tail(out, 600);
    }
    return null;
  }

  /**
   * Starts {@code n} nodes and waits until all are voters.
   *
   * @param n number of nodes, at least 1
   * @param dir a fresh directory for data dirs and logs (deleted by {@link #close()})
   * @return the running cluster
   * @throws IllegalStateException with the nodes' log tails if the cluster did not form within 60 s
   */
  public static DqliteCluster start(int n, Path dir) {
    DqliteCluster c = new DqliteCluster(dir);
    try {
      int[] ports = ChildProcesses.freePorts(2 * n);
      for (int i = 0; i < n; i++) {
        c.addresses.add("127.0.0.1:" + ports[i]);
        c.apis.add("127.0.0.1:" + ports[n + i]);
        c.processes.add(null);
      }
      for (int i = 0; i < n; i++) {
        c.launch(i, i > 0);
        if (i == 0) {
          String first = c.addresses.get(0);
          c.awaitUntil(Duration.ofSeconds(30), "node 1 to lead", () -> first.equals(c.shell(first, ".leader")));
        }
      }
      c.awaitUntil(Duration.ofSeconds(60), n + " voters", () -> c.voters() == n);
      return c;
    } catch (Exception e) {
      String logs = c.logs();
      c.close();
      throw new IllegalStateException("dqlite cluster did not start: " + e + "\n" + logs, e);
    }
  }

  private void launch(int i, boolean join) throws IOException {
    Path data = Files.createDirectories(dir.resolve("n" + (i + 1)));
    List<String> cmd = new ArrayList<>(List.of("dqlite-demo", "--api", apis.get(i), "--db", addresses.get(i),
        "-D", data.toString()));
    if (join) {
      cmd.addAll(List.of("--join", addresses.get(0)));
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("n" + (i + 1) + ".log").toFile())).start();
    processes.set(i, p);
  }

  /**
   * The node addresses, {@code host:port}.
   *
   * @return the addresses in node order
   */
  public List<String> addresses() {
    return List.copyOf(addresses);
  }

  /**
   * The addresses joined by commas, as a {@code dqlite://} URL wants them.
   *
   * @return for example {@code 127.0.0.1:9001,127.0.0.1:9002,127.0.0.1:9003}
   */
  public String servers() {
    return String.join(",", addresses);
  }

  /**
   * A {@code dqlite://} URL for a database on this cluster.
   *
   * @param database the database name
   * @return the URL
   */
  public String url(String database) {
    return "dqlite://" + servers() + "/" + database;
  }

  /**
   * The current leader's address, asked through the {@code dqlite} shell.
   *
   * @return the address, or empty when none is known
   */
  public String leader() {
    try {
      return shell(servers(), ".leader");
    } catch (IOException | InterruptedException e) {
      return "";
    }
  }

  /**
   * The number of voters the leader lists.
   *
   * @return the count, 0 when no leader answers
   */
  public int voters() {
    try {
      String out = shell(servers(), ".cluster");
      return (int) out.lines().filter(l -> l.endsWith("|voter")).count();
    } catch (IOException | InterruptedException e) {
      return 0;
    }
  }

  /**
   * The pid of the node at an address.
   *
   * @param address a node address
   * @return its process id
   */
  public long pid(String address) {
    return processes.get(index(address)).pid();
  }

  /**
   * Whether the node at an address is running.
   *
   * @param address a node address
   * @return true while its process lives
   */
  public boolean alive(String address) {
    Process p = processes.get(index(address));
    return p != null && p.isAlive();
  }

  /**
   * SIGKILLs the node at an address and waits for it to die.
   *
   * @param address a node address
   * @throws InterruptedException if interrupted while waiting
   */
  public void kill(String address) throws InterruptedException {
    Process p = processes.get(index(address));
    p.destroyForcibly();
    p.waitFor(10, TimeUnit.SECONDS);
  }

  /**
   * Restarts a stopped node with its address and data directory (no {@code --join}: it is a member already).
   *
   * @param address a node address
   * @throws IOException if it cannot be started
   */
  public void restart(String address) throws IOException {
    int i = index(address);
    if (processes.get(i) != null && processes.get(i).isAlive()) {
      throw new IllegalStateException("node " + address + " is running");
    }
    launch(i, false);
  }

  /**
   * Runs a statement or dot-command through the {@code dqlite} shell against the given nodes.
   *
   * @param servers comma-separated node addresses
   * @param database the database
   * @param sql the SQL or dot-command
   * @return the shell's trimmed output
   * @throws IOException if the shell fails or times out
   * @throws InterruptedException if interrupted
   */
  public String shell(String servers, String database, String sql) throws IOException, InterruptedException {
    return run(List.of("dqlite", "-s", servers, database, sql), Duration.ofSeconds(5)).trim();
  }

  private String shell(String servers, String dotCommand) throws IOException, InterruptedException {
    return shell(servers, "x", dotCommand);
  }

  private int index(String address) {
    int i = addresses.indexOf(address);
    if (i < 0) {
      throw new IllegalArgumentException("no node " + address + " in " + addresses);
    }
    return i;
  }

  /**
   * Polls a condition until it holds ({@link ChildProcesses#awaitUntil}).
   *
   * @param max the longest wait
   * @param what what is awaited, for the failure message
   * @param check the condition
   * @throws IllegalStateException if it did not hold in time
   * @throws InterruptedException if interrupted
   */
  public void awaitUntil(Duration max, String what, ChildProcesses.Check check) throws InterruptedException {
    ChildProcesses.awaitUntil(max, what, check);
  }

  /**
   * The last lines of every node's log, for failure messages.
   *
   * @return the log tails
   */
  public String logs() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < processes.size(); i++) {
      Path log = dir.resolve("n" + (i + 1) + ".log");
      try {
        sb.append("--- n").append(i + 1).append('\n')
            .append(ChildProcesses.tail(Files.readString(log, StandardCharsets.UTF_8), 1500)).append('\n');
      } catch (IOException e) {
        sb.append("--- n").append(i + 1).append(": no log: ").append(e).append('\n');
      }
    }
    return sb.toString();
  }

  private void stopAll() {
    ChildProcesses.stopTree(processes, List.of(), Duration.ofSeconds(5));
  }

  /** Stops every node by pid (SIGTERM, then SIGKILL after 5 s) and deletes the data directories. */
  @Override
  public void close() {
    stopAll();
    ChildProcesses.deleteTree(dir);
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down and the hook runs anyway.
    }
  }

  /** Runs a command; its output, or an IOException when it is missing, fails or times out. */
  private static String run(List<String> cmd, Duration timeout) throws IOException, InterruptedException {
    ChildProcesses.Result r = ChildProcesses.run(cmd, null, env -> env.put("DEBIAN_FRONTEND", "noninteractive"),
        timeout);
    if (r == null) {
      throw new IOException(cmd.get(0) + " is not installed");
    }
    if (r.exit() != 0) {
      throw new IOException(cmd.get(0) + " exited with " + r.exit() + ": " + ChildProcesses.tail(r.output(), 300));
    }
    return r.output();
  }
}
