package io.sqlitekit.plugin.audit.internal;

import io.sqlitekit.spi.driver.SqliteDriver;
import java.util.Optional;

/**
 * Internal, not API, may change. The driver of the repository whose write is being exported, bound to the
 * writing thread while the audit plugin calls its exporters (the exporter SPI has no other way to reach it).
 */
public final class BoundDriver {
  private static final ThreadLocal<SqliteDriver> CURRENT = new ThreadLocal<>();

  private BoundDriver() {
  }

  /**
   * Returns the bound driver.
   *
   * @return the driver, or empty outside an export
   */
  public static Optional<SqliteDriver> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  static void run(SqliteDriver driver, Runnable work) {
    SqliteDriver previous = CURRENT.get();
    CURRENT.set(driver);
    try {
      work.run();
    } finally {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }
}
