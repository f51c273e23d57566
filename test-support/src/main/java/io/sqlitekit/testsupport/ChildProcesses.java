package io.sqlitekit.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The plumbing of tests that run real servers as child processes (dqlite nodes, {@code wrangler dev}): free
 * loopback ports, commands run to completion with a timeout, waiting for a condition, and stopping a process
 * tree by pid (SIGTERM, a grace period, then SIGKILL) so no server outlives its test.
 *
 * @since 0.2.0
 */
public final class ChildProcesses {
  private ChildProcesses() {
  }

  /**
   * A finished command.
   *
   * @param exit its exit code (-1 when it timed out and was killed)
   * @param output its standard output and error, interleaved
   */
  public record Result(int exit, String output) {}

  /** A condition polled by {@link #awaitUntil}. */
  @FunctionalInterface
  public interface Check {
    /**
     * Returns whether the condition holds.
     *
     * @return true when it holds
     * @throws Exception when it cannot be checked yet (kept as the cause if time runs out)
     */
    boolean ok() throws Exception;
  }

  /**
   * Returns distinct free loopback ports (held open together while chosen, so they differ).
   *
   * @param n how many
   * @return the ports
   * @throws IOException if no port can be bound
   */
  public static int[] freePorts(int n) throws IOException {
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

  /**
   * Returns whether an executable of that name is on the {@code PATH}.
   *
   * @param program the program name
   * @return true when found
   */
  public static boolean onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    for (String d : path.split(":")) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Runs a command to completion with its input from {@code /dev/null}; kills it (and its descendants) when it
   * outlives the timeout.
   *
   * @param cmd the command
   * @param dir the working directory, or null for the current one
   * @param env changes to the environment, or null
   * @param timeout how long it may run
   * @return the result, or null when the program does not exist
   * @throws IOException if the output cannot be captured
   * @throws InterruptedException if interrupted while waiting
   */
  public static Result run(List<String> cmd, Path dir, Consumer<Map<String, String>> env, Duration timeout)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("sqlitekit-cmd-", ".log");
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      if (dir != null && Files.isDirectory(dir)) {
        pb.directory(dir.toFile());
      }
      if (env != null) {
        env.accept(pb.environment());
      }
      Process p;
      try {
        p = pb.start();
      } catch (IOException e) {
        return null;
      }
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        return new Result(-1, "timed out after " + timeout + ": " + Files.readString(out, StandardCharsets.UTF_8));
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
    }
  }

  /**
   * Polls a condition every 100 ms until it holds.
   *
   * @param max how long to wait
   * @param what what is awaited, for the message
   * @param check the condition
   * @throws IllegalStateException if it did not hold in time (the last failure of the check as cause)
   * @throws InterruptedException if interrupted while waiting
   */
  public static void awaitUntil(Duration max, String what, Check check) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (check.ok()) {
          return;
        }
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        last = e;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("timed out after " + max + " waiting for " + what, last);
  }

  /**
   * Stops processes and everything they started, by pid: SIGTERM to each root (a server may then stop its own
   * children cleanly), then, after the grace period, SIGKILL to whatever of the roots, their current descendants
   * and the {@code known} processes is still alive. Waits until they are gone (at most 5 s more).
   *
   * @param roots the processes started (null entries are skipped)
   * @param known processes recorded earlier (descendants that may have been re-parented since)
   * @param grace how long SIGTERM may take
   */
  public static void stopTree(Collection<Process> roots, Collection<ProcessHandle> known, Duration grace) {
    List<ProcessHandle> all = new ArrayList<>(known);
    for (Process p : roots) {
      if (p != null) {
        p.descendants().forEach(all::add);
        p.destroy();
      }
    }
    long deadline = System.nanoTime() + grace.toNanos();
    try {
      for (Process p : roots) {
        if (p != null && !p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          p.destroyForcibly();
        }
      }
      for (ProcessHandle h : all) {
        if (h.isAlive()) {
          h.destroy();
        }
      }
      long end = Math.max(deadline, System.nanoTime()) + TimeUnit.SECONDS.toNanos(5);
      for (ProcessHandle h : all) {
        while (h.isAlive() && System.nanoTime() < end) {
          Thread.sleep(50);
        }
        if (h.isAlive()) {
          h.destroyForcibly();
        }
      }
      for (Process p : roots) {
        if (p != null) {
          p.waitFor(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
      }
    } catch (InterruptedException e) {
      roots.forEach(p -> {
        if (p != null) {
          p.destroyForcibly();
        }
      });
      all.forEach(ProcessHandle::destroyForcibly);
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Deletes a directory tree, reporting (not throwing) what could not be deleted.
   *
   * @param dir the directory
   */
  public static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not delete " + dir + ": " + e);
    }
  }

  /**
   * Returns the end of a text, for messages.
   *
   * @param s the text
   * @param max the most characters kept
   * @return the text, or its last {@code max} characters after an ellipsis
   */
  public static String tail(String s, int max) {
    return s.length() <= max ? s : "…" + s.substring(s.length() - max);
  }
}
