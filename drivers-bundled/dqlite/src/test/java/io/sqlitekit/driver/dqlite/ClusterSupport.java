package io.sqlitekit.driver.dqlite;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sqlitekit.testsupport.DqliteCluster;
import java.nio.file.Files;
import java.nio.file.Path;

/** Starts a 3-node cluster for one test class, installing go-dqlite first when it is missing (as root). */
final class ClusterSupport {
  private ClusterSupport() {
  }

  static DqliteCluster start(String name) throws Exception {
    String missing = DqliteCluster.installIfMissing();
    if (missing != null) {
      System.err.println("[dqlite IT] SKIPPED: " + missing);
    }
    assumeTrue(missing == null, missing);
    Path dir = Files.createTempDirectory("sqlitekit-dqlite-" + name + "-");
    return DqliteCluster.start(3, dir);
  }
}
