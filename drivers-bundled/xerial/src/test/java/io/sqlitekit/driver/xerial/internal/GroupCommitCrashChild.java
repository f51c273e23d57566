package io.sqlitekit.driver.xerial.internal;

import io.sqlitekit.spi.driver.DriverOptions;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The writer of {@link XerialGroupCommitCrashIT}, run as a child JVM: several threads write through a driver with
 * group commit on, each write two rows (one per table) in one transaction, and print {@code ACK <thread> <seq>}
 * after the call returned, until the process is killed (or the time limit ends it). Every 100 acknowledgements it
 * prints {@code COMMITS <commits> <acks>} so the parent can see that groups formed.
 *
 * <p>Arguments: JDBC URL, round, threads, time limit in milliseconds.
 */
public final class GroupCommitCrashChild {
  private GroupCommitCrashChild() {
  }

  /**
   * Runs the writers.
   *
   * @param args JDBC URL, round, threads, time limit in milliseconds
   * @throws Exception when the driver fails (the parent then sees an unexpected exit status)
   */
  public static void main(String[] args) throws Exception {
    String url = args[0];
    int round = Integer.parseInt(args[1]);
    int threads = Integer.parseInt(args[2]);
    long limit = Long.parseLong(args[3]);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    AtomicInteger commits = new AtomicInteger();
    AtomicInteger acks = new AtomicInteger();
    XerialDriver d = XerialDriver.open(url, DriverOptions.defaults().withGroupCommit(true)
        .withStatementListener(e -> {
          if (e.sql().equals("COMMIT")) {
            commits.incrementAndGet();
          }
        }));
    out.println("START");
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread w = new Thread(() -> {
        for (long seq = 0; ; seq++) {
          long s = seq;
          d.write(session -> {
            session.update("INSERT INTO a(round, thread, seq) VALUES (?, ?, ?)", List.of(round, thread, s));
            session.update("INSERT INTO b(round, thread, seq) VALUES (?, ?, ?)", List.of(round, thread, s));
            return null;
          });
          synchronized (out) {
            out.println("ACK " + thread + " " + s);
            int n = acks.incrementAndGet();
            if (n % 100 == 0) {
              out.println("COMMITS " + commits.get() + " " + n);
            }
          }
        }
      }, "writer-" + t);
      w.setDaemon(true);
      w.start();
    }
    Thread.sleep(limit);
    System.exit(2);
  }
}
