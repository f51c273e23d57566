package io.sqlitekit.it.d1;

import io.sqlitekit.testsupport.WranglerDev;
import io.sqlitekit.core.SqliteKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.opentest4j.TestAbortedException;

/**
 * One local D1 ({@code wrangler dev --local}) per test JVM, started on first use and stopped by pid when the
 * test plan finishes ({@link LocalD1Lifecycle}) or, failing that, by the shutdown hook of {@link WranglerDev}.
 * When node, npm or the wrangler install is missing, {@link #url()} aborts the calling test (JUnit reports it
 * skipped) with the reason, and the reason is written to {@code target/d1-unavailable.txt}.
 */
public final class LocalD1 {
  private static WranglerDev dev;
  private static String unavailable;

  private LocalD1() {
  }

  /**
   * Returns the driver URL of the local D1, starting it if needed.
   *
   * @return {@code d1+http://127.0.0.1:<port>/<database id>}
   * @throws TestAbortedException if no local D1 can run here
   */
  public static synchronized String url() {
    if (dev == null && unavailable == null) {
      try {
        unavailable = WranglerDev.installIfMissing();
        if (unavailable == null) {
          dev = WranglerDev.start(Files.createTempDirectory("sqlitekit-d1-it-"));
          System.err.println("[D1 IT] started " + dev);
        }
      } catch (Exception e) {
        unavailable = "local D1 could not start: " + e;
      }
      if (unavailable != null) {
        System.err.println("[D1 IT] SKIPPED: " + unavailable);
        try {
          if (Files.isDirectory(Path.of("target"))) {
            Files.writeString(Path.of("target", "d1-unavailable.txt"), unavailable + System.lineSeparator());
          }
        } catch (java.io.IOException ignored) {
          // The message is printed already.
        }
      }
    }
    if (unavailable != null) {
      throw new TestAbortedException("[D1 IT] " + unavailable);
    }
    return "d1+http://127.0.0.1:" + dev.port + "/" + WranglerDev.DATABASE_ID;
  }

  /**
   * Drops every table and view the tests created, so the next test starts empty (D1's own {@code _cf_}
   * tables stay).
   *
   * @param kit a kit on the local D1
   */
  public static void dropAll(SqliteKit kit) {
    List<String[]> objects = kit.driver().read(s -> s.query(
        "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
            + " AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\'", List.of(), rs -> {
              List<String[]> out = new java.util.ArrayList<>();
              while (rs.next()) {
                out.add(new String[] {rs.getString(0), rs.getString(1)});
              }
              return out;
            }));
    if (objects.isEmpty()) {
      return;
    }
    StringBuilder script = new StringBuilder();
    for (String[] o : objects) {
      script.append("DROP ").append(o[0].toUpperCase(java.util.Locale.ROOT)).append(" IF EXISTS \"")
          .append(o[1].replace("\"", "\"\"")).append("\";\n");
    }
    kit.execute(script.toString());
  }

  /** Stops the local D1 by pid (root SIGTERM, then any survivor), if it runs. */
  public static synchronized void stop() {
    if (dev != null) {
      List<Long> pids = dev.pids();
      dev.close();
      System.err.println("[D1 IT] stopped wrangler dev, pids " + pids + ", alive after stop: " + dev.alive());
      dev = null;
    }
  }
}
