package io.sqlitekit.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM for crash tests: started with this JVM's class path and a main class, its standard output read
 * line by line as it comes, then killed with SIGKILL at a moment the test chooses. After the kill every line
 * the child flushed before it died is still available, because the output is drained continuously into a
 * queue (a full pipe would park the child in {@code println}, and every kill would land at the same harmless
 * moment) and the process is killed through its handle, which leaves our end of the pipe open.
 *
 * <p>The child runs small ({@code -Xmx64m}, serial GC, C1 only) to start quickly on a busy machine, and
 * sqlite-jdbc's extracted native library goes to {@code <dir>/native}: sqlite-jdbc deletes its copy only on
 * a normal exit, so a killed child would otherwise leave one in the system temp directory per round.
 *
 * @since 0.3.0
 */
public final class ChildJvm implements AutoCloseable {
  /** Exit status of a process ended by SIGKILL (128 + 9). */
  public static final int SIGKILLED = 137;
  private static final String EOF = "\u0000EOF";

  private final Process process;
  private final Path err;
  private final Thread pump;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  private ChildJvm(Process process, Path err) {
    this.process = process;
    this.err = err;
    this.pump = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String l = r.readLine(); l != null; l = r.readLine()) {
          lines.add(l);
        }
      } catch (IOException e) {
        lines.add("PUMP-FAILED " + e);
      }
      lines.add(EOF);
    }, "child-jvm-stdout");
    pump.setDaemon(true);
    pump.start();
  }

  /**
   * Starts {@code main} in a new JVM with this JVM's {@code java}, class path and the given arguments; its
   * standard error goes to {@code <dir>/<name>.err}.
   *
   * @param dir a directory for the child's error file and native library copies
   * @param name a name for the error file (unique per child)
   * @param main the main class
   * @param args its arguments
   * @return the running child
   * @throws IOException if it cannot be started
   */
  public static ChildJvm start(Path dir, String name, Class<?> main, List<String> args) throws IOException {
    Path nativeDir = Files.createDirectories(dir.resolve("native"));
    Path err = dir.resolve(name + ".err");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.add("-Xmx64m");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-Xshare:auto");
    cmd.add("-Dorg.sqlite.tmpdir=" + nativeDir);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(main.getName());
    cmd.addAll(args);
    return new ChildJvm(new ProcessBuilder(cmd).redirectError(err.toFile()).start(), err);
  }

  /**
   * Waits for the child's next output line.
   *
   * @param max how long to wait
   * @return the line, or null if none came in time or the output ended
   * @throws InterruptedException if interrupted while waiting
   */
  public String nextLine(Duration max) throws InterruptedException {
    String l = lines.poll(max.toMillis(), TimeUnit.MILLISECONDS);
    if (EOF.equals(l)) {
      lines.add(EOF); // keep the end visible to later calls
      return null;
    }
    return l;
  }

  /**
   * Returns whether the child still runs.
   *
   * @return true while it runs
   */
  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Kills the child with SIGKILL and waits until it is gone and its output is read to the end.
   *
   * @return every line it printed that {@link #nextLine} has not returned yet, in order
   * @throws AssertionError if the child had already ended, was not ended by the kill (its exit status and
   *     standard error are in the message) or its output did not end within 30 s
   * @throws InterruptedException if interrupted while waiting
   */
  public List<String> sigkill() throws InterruptedException {
    if (!process.isAlive()) {
      throw new AssertionError("the child ended before the kill (exit " + process.exitValue() + "); stderr: "
          + stderr());
    }
    // Through the handle: Process.destroyForcibly() would also close our end of the pipe and drop lines the
    // child flushed that the pump had not read yet.
    if (!process.toHandle().destroyForcibly()) {
      throw new AssertionError("SIGKILL not sent");
    }
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("the killed child did not end in 30 s");
    }
    if (process.exitValue() != SIGKILLED) {
      throw new AssertionError("the child was not ended by the kill (exit " + process.exitValue() + "); stderr: "
          + stderr());
    }
    pump.join(TimeUnit.SECONDS.toMillis(30));
    List<String> rest = new ArrayList<>();
    lines.drainTo(rest);
    if (rest.isEmpty() || !EOF.equals(rest.remove(rest.size() - 1))) {
      throw new AssertionError("the killed child's output did not end");
    }
    return rest;
  }

  /**
   * Returns what the child wrote to standard error so far, for failure messages.
   *
   * @return the text, or the reason it cannot be read
   */
  public String stderr() {
    try {
      return Files.readString(err);
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** Kills the child if it still runs (a test that failed before its kill). */
  @Override
  public void close() {
    process.destroyForcibly();
  }
}
