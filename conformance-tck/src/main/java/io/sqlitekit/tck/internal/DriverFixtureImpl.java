package io.sqlitekit.tck.internal;

import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.driver.StatementEvent;
import io.sqlitekit.tck.DriverHarness;
import io.sqlitekit.tck.driver.DriverFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Internal, not API, may change. The fixture of one driver contract test: opens drivers through the harness,
 * records the first driver's statements (from any thread) and closes every driver it opened.
 */
final class DriverFixtureImpl implements DriverFixture {
  private final DriverHarness harness;
  private final List<StatementEvent> events = new CopyOnWriteArrayList<>();
  private final List<SqliteDriver> opened = new ArrayList<>();
  private SqliteDriver driver;

  DriverFixtureImpl(DriverHarness harness) {
    this.harness = harness;
  }

  @Override
  public String harnessName() {
    return harness.name();
  }

  @Override
  public synchronized SqliteDriver driver() {
    if (driver == null) {
      driver = open(DriverOptions.defaults().withStatementListener(events::add));
    }
    return driver;
  }

  @Override
  public synchronized SqliteDriver openAnother() {
    return open(DriverOptions.defaults());
  }

  private SqliteDriver open(DriverOptions options) {
    SqliteDriver d = harness.open(options);
    if (d == null) {
      throw new IllegalStateException("driver harness \"" + harness.name() + "\" returned no driver");
    }
    opened.add(d);
    return d;
  }

  @Override
  public List<StatementEvent> events() {
    return List.copyOf(events);
  }

  @Override
  public void clearEvents() {
    events.clear();
  }

  /** Closes every driver opened (closing twice is part of the contract, so closed ones are closed again). */
  synchronized void closeAll() {
    RuntimeException first = null;
    for (SqliteDriver d : opened) {
      try {
        d.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    opened.clear();
    if (first != null) {
      throw first;
    }
  }
}
