package io.sqlitekit.spi.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.error.ErrorCode;
import io.sqlitekit.spi.error.OperationNotSupportedException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A driver that implements only the 0.1 methods (dqlite, D1, third parties) reports the 0.2 features as
 * unsupported and refuses them with a typed exception, so callers (the cache plugin, maintenance) can fall back.
 */
final class DriverSpiDefaultsTest {
  private static final SqliteDriver MINIMAL = new SqliteDriver() {
    @Override
    public String url() {
      return "x:";
    }

    @Override
    public <R> R read(SqlWork<R> work) {
      throw new AssertionError();
    }

    @Override
    public <R> R write(SqlWork<R> work) {
      throw new AssertionError();
    }

    @Override
    public boolean inTransaction() {
      return false;
    }

    @Override
    public void afterCommit(Runnable action) {
      action.run();
    }

    @Override
    public void afterCompletion(Runnable action) {
      action.run();
    }

    @Override
    public RuntimeException translate(SQLException error, String what) {
      return new RuntimeException(error);
    }

    @Override
    public void close() {
    }
  };

  @Test
  void newFeaturesAreOptionalAndRefusedTyped() {
    assertFalse(MINIMAL.supportsChangeNotifications());
    assertFalse(MINIMAL.supportsOnlineBackup());
    OperationNotSupportedException watch = assertThrows(OperationNotSupportedException.class,
        () -> MINIMAL.watch(b -> { }, Duration.ZERO));
    assertEquals(ErrorCode.UNSUPPORTED_OPERATION, watch.code());
    assertTrue(watch.getMessage().contains("does not report changes"), watch.getMessage());
    assertThrows(OperationNotSupportedException.class, () -> MINIMAL.backup(Path.of("b.db"), BackupProgress.NONE));
    assertThrows(OperationNotSupportedException.class, () -> MINIMAL.exclusive(s -> null));
  }

  @Test
  void changeBatchTellsWhichTablesMayHaveChanged() {
    ChangeBatch local = new ChangeBatch(List.of(new RowChange(RowChange.Kind.INSERT, "Users", 1)), true, false);
    assertTrue(local.mayAffect("users"));
    assertFalse(local.mayAffect("orders"));
    ChangeBatch external = ChangeBatch.externalCommit();
    assertTrue(external.external());
    assertTrue(external.mayAffect("orders"), "an incomplete batch may affect every table");
    assertThrows(NullPointerException.class, () -> new RowChange(null, "t", 1));
  }

  @Test
  void forTableNarrowsCompleteBatchesAndPassesUnknownOnes() {
    List<ChangeBatch> seen = new java.util.ArrayList<>();
    ChangeListener users = ChangeListener.forTable("users", seen::add);
    users.onChange(new ChangeBatch(List.of(new RowChange(RowChange.Kind.INSERT, "USERS", 1),
        new RowChange(RowChange.Kind.DELETE, "orders", 2)), true, false));
    users.onChange(new ChangeBatch(List.of(new RowChange(RowChange.Kind.UPDATE, "orders", 3)), true, false));
    users.onChange(ChangeBatch.externalCommit());
    assertEquals(2, seen.size());
    assertEquals(List.of(new RowChange(RowChange.Kind.INSERT, "USERS", 1)), seen.get(0).changes());
    assertFalse(seen.get(1).complete());
  }
}
