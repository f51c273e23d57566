package io.sqlitekit.core;

import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The child JVM of {@link TwoProcessIT}: increments shared counter rows of one database file, retrying
 * transient conflicts, and prints what was acknowledged.
 *
 * <p>Arguments: JDBC URL, go-file path, operation count, busy_timeout in milliseconds. Prints {@code READY},
 * waits for the go-file, then prints one {@code ACKS key=value…} line.
 */
public final class TwoProcessChild {
  /** Shared counter rows. */
  static final TableDef COUNTERS = TableDef.of("counters",
      Column.text("id").primaryKey(),
      Column.integer("n").notNull().defaultValue(0));

  /** The rows single increments target. */
  static final int ROWS = 5;

  private TwoProcessChild() {
  }

  /**
   * Runs the child.
   *
   * @param args URL, go-file, operations, busy timeout
   * @throws Exception on setup failure
   */
  public static void main(String[] args) throws Exception {
    String url = args[0];
    Path go = Path.of(args[1]);
    int ops = Integer.parseInt(args[2]);
    String busy = args[3];
    Map<String, Long> acks = new TreeMap<>();
    AtomicLong attempts = new AtomicLong();
    long failed = 0;
    RetryPolicy policy = new RetryPolicy(100, Duration.ofMillis(1), Duration.ofMillis(50), 0.5);
    try (SqliteKit kit = SqliteKit.builder().url(url)
        .driverOptions(DriverOptions.defaults().withPragma("busy_timeout", busy)).build()) {
      SqliteRepository<Map<String, Object>, Object> counters = kit.documents(COUNTERS);
      System.out.println("READY");
      System.out.flush();
      while (!Files.exists(go)) {
        Thread.sleep(2);
      }
      for (int i = 0; i < ops; i++) {
        String row = "r" + (i % ROWS);
        try {
          if (i % 4 == 3) {
            // A transaction: the row and the total move together or not at all.
            policy.run(() -> {
              attempts.incrementAndGet();
              return counters.withTransaction(tx -> {
                tx.increment(row, "n", 1).orElseThrow();
                return tx.increment("total", "n", 1).orElseThrow();
              });
            });
            acks.merge("total", 1L, Long::sum);
          } else {
            policy.run(() -> {
              attempts.incrementAndGet();
              return counters.increment(row, "n", 1).orElseThrow();
            });
          }
          acks.merge(row, 1L, Long::sum);
        } catch (RuntimeException e) {
          if (!RetryPolicy.isRetryable(e)) {
            throw e;
          }
          failed++;
        }
      }
    }
    StringBuilder sb = new StringBuilder("ACKS");
    acks.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
    sb.append(" failed=").append(failed).append(" attempts=").append(attempts.get());
    System.out.println(sb);
    System.out.flush();
  }
}
