package io.sqlitekit.tck.driver;

import java.util.List;

/**
 * The driver conformance classes of the TCK, in report order. Launchers select these classes explicitly, which
 * works on the module path as well as on the class path.
 *
 * @since 0.2.0
 */
public final class DriverContracts {
  private static final List<Class<?>> CLASSES = List.of(
      SessionDriverContract.class,
      TransactionDriverContract.class,
      AfterCommitDriverContract.class,
      ErrorDriverContract.class,
      ConcurrencyDriverContract.class,
      CloseDriverContract.class,
      ListenerDriverContract.class);

  private DriverContracts() {
  }

  /**
   * Returns every driver contract class.
   *
   * @return the classes, unmodifiable
   */
  public static List<Class<?>> classes() {
    return CLASSES;
  }
}
