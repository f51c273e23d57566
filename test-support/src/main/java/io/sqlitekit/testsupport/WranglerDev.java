package io.sqlitekit.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A real local D1 for integration tests: {@code wrangler dev --local} (wrangler 4.86.0, the last release
 * that runs on Node 20) with a one-line Worker that binds a D1 database, on free loopback ports, offline.
 *
 * <p>Install: when {@code <home>/node_modules/wrangler} is missing, {@code npm install wrangler@4.86.0} runs
 * into {@code <home>} ({@code ~/.cache/sqlitekit-d1/wrangler-4.86.0}, or the system property
 * {@code sqlitekit.d1.wranglerHome}), under a file lock so parallel builds do not collide.
 *
 * <p>Offline and quiet: {@code CI=1} and {@code --show-interactive-dev-session=false} (no prompts, no
 * hotkeys), {@code WRANGLER_SEND_METRICS=false}, {@code WRANGLER_SEND_ERROR_REPORTS=false},
 * {@code CLOUDFLARE_CF_FETCH_ENABLED=false} (no download of the {@code Request.cf} object from
 * workers.cloudflare.com), {@code WRANGLER_HIDE_BANNER=true} (no update check), config and logs in the
 * test's directory ({@code XDG_CONFIG_HOME}, {@code WRANGLER_LOG_PATH}), and any Cloudflare credentials of
 * the environment removed. The database lives in {@code --persist-to} inside the test's directory.
 *
 * <p>Stop: the whole process tree (node, node, workerd ×2, esbuild) is recorded by pid and stopped in
 * {@link #close()}: SIGTERM to the root (wrangler stops its children), then SIGTERM/SIGKILL to any
 * descendant still alive; a shutdown hook does the same if the JVM ends first.
 */
public final class WranglerDev implements AutoCloseable {
  /** The wrangler release installed: the last one that runs on Node 20. */
  public static final String VERSION = "4.86.0";
  /** The {@code database_id} of the Worker's D1 binding. */
  public static final String DATABASE_ID = "5d1c0ffe-0000-4000-8000-00000000d1d1";
  /** The binding name of the database. */
  public static final String BINDING = "DB";
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final java.util.function.Consumer<Map<String, String>> CI = env -> env.put("CI", "1");

  /** The loopback port the dev server (and its D1 explorer) listens on. */
  public final int port;
  private final Path dir;
  private final Process process;
  private final List<ProcessHandle> tree = new ArrayList<>();
  private final Thread reaper = new Thread(this::stopTree, "wrangler-dev-reaper");

  private WranglerDev(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  /** Where wrangler is installed: {@code ~/.cache/sqlitekit-d1/wrangler-<version>} or the system property. */
  static Path home() {
    String p = System.getProperty("sqlitekit.d1.wranglerHome");
    return p != null ? Path.of(p)
        : Path.of(System.getProperty("user.home"), ".cache", "sqlitekit-d1", "wrangler-" + VERSION);
  }

  private static Path wranglerJs() {
    return home().resolve("node_modules/wrangler/bin/wrangler.js");
  }

  /**
   * Makes sure node (≥ 20.3) and wrangler 4.86.0 are there, installing wrangler with npm when missing.
   *
   * @return null when ready, else why not (the caller skips and prints it)
   * @throws IOException if the cache directory's lock cannot be taken
   * @throws InterruptedException if interrupted while installing
   */
  public static String installIfMissing() throws IOException, InterruptedException {
    ChildProcesses.Result node = ChildProcesses.run(List.of("node", "--version"), home().getParent(), CI,
        Duration.ofSeconds(20));
    if (node == null || node.exit() != 0) {
      return "node is not on the PATH (wrangler " + VERSION + " needs Node >= 20.3)";
    }
    Matcher m = Pattern.compile("v(\\d+)\\.(\\d+)").matcher(node.output());
    if (!m.find() || Integer.parseInt(m.group(1)) < 20
        || Integer.parseInt(m.group(1)) == 20 && Integer.parseInt(m.group(2)) < 3) {
      return "node " + node.output().trim() + " is too old for wrangler " + VERSION + " (needs >= 20.3)";
    }
    Path home = home();
    try {
      Files.createDirectories(home);
    } catch (IOException e) {
      return "cannot create the wrangler cache directory " + home + ": " + e;
    }
    try (FileChannel ch = FileChannel.open(home.resolve(".install.lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
      if (installedVersionOk()) {
        return null;
      }
      Path pkg = home.resolve("package.json");
      if (!Files.exists(pkg)) {
        Files.writeString(pkg, "{\"name\":\"sqlitekit-d1-wrangler\",\"private\":true}\n");
      }
      System.err.println("[D1 IT] wrangler " + VERSION + " missing: npm install wrangler@" + VERSION + " into "
          + home);
      long t0 = System.nanoTime();
      ChildProcesses.Result npm = ChildProcesses.run(List.of("npm", "install", "--no-audit", "--no-fund",
          "--loglevel=error", "wrangler@" + VERSION), home, CI, INSTALL_TIMEOUT);
      if (npm == null) {
        return "npm is not on the PATH, so wrangler " + VERSION + " cannot be installed";
      }
      if (npm.exit() != 0 || !installedVersionOk()) {
        return "'npm install wrangler@" + VERSION + "' in " + home + " failed (exit " + npm.exit() + "): "
            + ChildProcesses.tail(npm.output(), 800);
      }
      System.err.printf("[D1 IT] installed wrangler %s in %d s%n", VERSION,
          TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0));
      return null;
    }
  }

  private static boolean installedVersionOk() throws IOException {
    Path pkg = home().resolve("node_modules/wrangler/package.json");
    if (!Files.exists(pkg) || !Files.exists(wranglerJs())) {
      return false;
    }
    return Files.readString(pkg).contains("\"version\": \"" + VERSION + "\"");
  }

  /**
   * Writes the Worker and its config into {@code dir} and starts {@code wrangler dev}; returns once the
   * local explorer lists the database.
   *
   * @param dir a fresh directory for the Worker, the database state and the logs (deleted by {@link #close()})
   * @return the running dev server
   * @throws Exception if it did not start within 60 s (the log's tail in the message); nothing is left running
   */
  public static WranglerDev start(Path dir) throws Exception {
    Files.writeString(dir.resolve("worker.js"),
        "export default { async fetch(request, env) { return new Response('sqlitekit d1 test worker'); } };\n");
    Files.writeString(dir.resolve("wrangler.toml"), String.join("\n",
        "name = \"sqlitekit-d1-it\"",
        "main = \"worker.js\"",
        "compatibility_date = \"2025-01-01\"",
        "",
        "[[d1_databases]]",
        "binding = \"" + BINDING + "\"",
        "database_name = \"sqlitekit_it\"",
        "database_id = \"" + DATABASE_ID + "\"",
        ""));
    int[] ports = ChildProcesses.freePorts(2);
    List<String> cmd = List.of("node", wranglerJs().toString(), "dev", "--local", "--ip", "127.0.0.1",
        "--port", String.valueOf(ports[0]), "--inspector-ip", "127.0.0.1", "--inspector-port",
        String.valueOf(ports[1]), "--persist-to", dir.resolve("state").toString(),
        "--show-interactive-dev-session=false", "--log-level", "info");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("wrangler.log").toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("CLOUDFLARE_") || k.startsWith("CF_"));
    env.put("CI", "1");
    env.put("WRANGLER_SEND_METRICS", "false");
    env.put("WRANGLER_SEND_ERROR_REPORTS", "false");
    env.put("CLOUDFLARE_CF_FETCH_ENABLED", "false");
    env.put("WRANGLER_HIDE_BANNER", "true");
    env.put("WRANGLER_LOG_PATH", dir.resolve("logs").toString());
    env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
    env.put("NO_COLOR", "1");
    env.put("FORCE_COLOR", "0");
    WranglerDev dev = new WranglerDev(dir, ports[0], pb.start());
    try {
      dev.awaitExplorer();
      dev.process.descendants().forEach(dev.tree::add);
      return dev;
    } catch (Exception | Error e) {
      String log = dev.log();
      dev.close();
      throw new IllegalStateException("wrangler dev did not start: " + e + "\n" + log, e);
    }
  }

  private void awaitExplorer() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    URI list = URI.create("http://127.0.0.1:" + port + "/cdn-cgi/explorer/api/d1/database");
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("wrangler (pid " + process.pid() + ") exited with " + process.exitValue());
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(list).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains(DATABASE_ID)) {
          return;
        }
      } catch (IOException e) {
        last = e;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the local explorer did not list the database within " + START_TIMEOUT, last);
  }

  /**
   * The base of the dev server.
   *
   * @return {@code http://127.0.0.1:port}
   */
  public URI base() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /**
   * The pid of the wrangler process.
   *
   * @return the pid
   */
  public long pid() {
    return process.pid();
  }

  /**
   * The pids of the root and every process it had started once the explorer answered.
   *
   * @return the pids, root first
   */
  public List<Long> pids() {
    List<Long> pids = new ArrayList<>();
    pids.add(process.pid());
    tree.forEach(h -> pids.add(h.pid()));
    return pids;
  }

  /**
   * Which recorded processes are still alive.
   *
   * @return their pids
   */
  public List<Long> alive() {
    List<Long> alive = new ArrayList<>();
    if (process.isAlive()) {
      alive.add(process.pid());
    }
    tree.stream().filter(ProcessHandle::isAlive).forEach(h -> alive.add(h.pid()));
    return alive;
  }

  /**
   * The end of wrangler's log, for failure messages.
   *
   * @return the log's last 3000 characters
   */
  public String log() {
    try {
      return ChildProcesses.tail(Files.readString(dir.resolve("wrangler.log"), StandardCharsets.UTF_8), 3000);
    } catch (IOException e) {
      return "(no wrangler log: " + e + ")";
    }
  }

  private void stopTree() {
    // Late children too (wrangler may restart workerd): SIGTERM to the root, which stops them, then the rest.
    ChildProcesses.stopTree(List.of(process), tree, Duration.ofSeconds(5));
  }

  /** Stops the process tree by pid and deletes the directory (Worker, state, logs). */
  @Override
  public void close() {
    stopTree();
    ChildProcesses.deleteTree(dir);
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down and the hook runs anyway.
    }
  }

  @Override
  public String toString() {
    return "wrangler dev " + VERSION + " on " + base() + " (pids " + pids().stream().map(String::valueOf)
        .collect(Collectors.joining(" ")) + ")";
  }
}
