package io.sqlitekit.it.tck;

/** The plain SQLite kit on a WAL database file, no plugins. */
public final class SqliteWalHarness extends SqliteHarnessBase {
  @Override
  public String name() {
    return "sqlite-wal";
  }
}
