package io.sqlitekit.tck;

/**
 * Configuration keys of the TCK. Each is read as a JUnit Platform configuration parameter, which falls back
 * to a JVM system property of the same name.
 *
 * @since 0.1.0
 */
public final class TckConstants {
  /**
   * Selects harnesses by name (comma-separated): {@value}. Default: every harness found by
   * {@code ServiceLoader}; each test then runs once per harness.
   */
  public static final String HARNESS = "sqlitekit.tck.harness";

  /**
   * Selects driver harnesses ({@link DriverHarness}) by name (comma-separated): {@value}. Default: every driver
   * harness found; each driver contract test then runs once per harness.
   */
  public static final String DRIVER_HARNESS = "sqlitekit.tck.driver";

  private TckConstants() {
  }
}
