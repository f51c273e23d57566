package io.sqlitekit.it.tck;

import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.tck.DriverFeature;
import io.sqlitekit.tck.DriverHarness;
import java.util.EnumSet;
import java.util.Set;
import io.sqlitekit.support.driver.ForwardingSqliteDriver;

/**
 * Deliberately broken drivers for {@link DriverSuiteSelfIT}, never selected by the real executions: the xerial
 * driver with after-commit actions run at once ({@code broken-after-commit}, the bug of a driver without a queue),
 * and the correct xerial driver under a harness that declares it has no REGEXP ({@code lying-features}).
 */
public abstract class BrokenDriverHarness implements DriverHarness {
  private final XerialWalDriverHarness real = new XerialWalDriverHarness();

  @Override
  public void cleanup() {
    real.cleanup();
  }

  SqliteDriver openReal(DriverOptions options) {
    return real.open(options);
  }

  /** After-commit actions run when registered, inside the transaction, also when it then rolls back. */
  public static final class AfterCommitAtOnce extends BrokenDriverHarness {
    @Override
    public String name() {
      return "broken-after-commit";
    }

    @Override
    public Set<DriverFeature> features() {
      return EnumSet.allOf(DriverFeature.class);
    }

    @Override
    public SqliteDriver open(DriverOptions options) {
      return new ForwardingSqliteDriver(openReal(options)) {
        @Override
        public void afterCommit(Runnable action) {
          action.run();
        }
      };
    }
  }

  /** A correct driver whose harness claims it lacks REGEXP: every scenario must fail, none may pass or skip. */
  public static final class LyingFeatures extends BrokenDriverHarness {
    @Override
    public String name() {
      return "lying-features";
    }

    @Override
    public Set<DriverFeature> features() {
      return EnumSet.of(DriverFeature.INTERACTIVE_TRANSACTIONS);
    }

    @Override
    public SqliteDriver open(DriverOptions options) {
      return openReal(options);
    }
  }
}
