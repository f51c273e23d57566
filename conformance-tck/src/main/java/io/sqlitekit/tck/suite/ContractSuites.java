package io.sqlitekit.tck.suite;

import java.util.List;

/**
 * The contract test classes of the TCK, one per feature group, in report order. Launchers select these
 * classes explicitly, which works on the module path as well as on the class path.
 *
 * @since 0.1.0
 */
public final class ContractSuites {
  private static final List<Class<?>> CLASSES = List.of(
      HarnessContractTest.class,
      CrudContractTest.class,
      FindOneAndUpdateContractTest.class,
      BulkWriteContractTest.class,
      QueryContractTest.class,
      AggregateContractTest.class,
      AggregateExtendedContractTest.class,
      LookupContractTest.class,
      AggregateLookupContractTest.class,
      PaginationContractTest.class,
      FilterContractTest.class,
      DuplicateKeyContractTest.class,
      GetOrCreateContractTest.class,
      TransactionContractTest.class,
      OptimisticConcurrencyContractTest.class,
      StreamingContractTest.class,
      BatchContractTest.class,
      ViewContractTest.class,
      OptionalOperationsContractTest.class);

  private ContractSuites() {
  }

  /**
   * Returns every contract test class.
   *
   * @return the classes, unmodifiable
   */
  public static List<Class<?>> classes() {
    return CLASSES;
  }
}
