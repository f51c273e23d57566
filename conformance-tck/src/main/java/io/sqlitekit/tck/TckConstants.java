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

  private TckConstants() {
  }
}
