package io.sqlitekit.it.tck;

/** The plain kit on a 3-node dqlite cluster, no plugins. */
public final class DqliteHarness extends DqliteHarnessBase {
  @Override
  public String name() {
    return "dqlite";
  }
}
