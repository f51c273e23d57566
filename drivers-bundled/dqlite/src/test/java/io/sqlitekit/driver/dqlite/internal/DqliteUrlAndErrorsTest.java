package io.sqlitekit.driver.dqlite.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.driver.DriverProvider;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.ConstraintViolationException;
import io.sqlitekit.spi.error.DataAccessException;
import io.sqlitekit.spi.error.DuplicateKeyException;
import io.sqlitekit.spi.error.ErrorCode;
import io.sqlitekit.spi.error.OperationNotSupportedException;
import io.sqlitekit.spi.error.OutcomeUnknownException;
import io.sqlitekit.spi.error.ReadOnlyException;
import io.sqlitekit.spi.error.SqliteResultCode;
import io.sqlitekit.spi.error.TransientConflictException;
import io.sqlitekit.spi.error.ValidationException;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** URL parsing, error translation and parameter encoding, without a cluster. */
class DqliteUrlAndErrorsTest {
  @Test
  void parsesNodesDatabaseAndOptions() {
    DqliteUrl u = DqliteUrl.parse("dqlite://127.0.0.1:9001,[::1]:9002,db.local:9003/app_1?callTimeout=2s"
        + "&connectTimeout=250ms&discoveryTimeout=3000&busyTimeout=0");
    assertEquals(List.of("127.0.0.1:9001", "[::1]:9002", "db.local:9003"), u.nodes());
    assertEquals("app_1", u.database());
    assertEquals(Duration.ofSeconds(2), u.callTimeout());
    assertEquals(Duration.ofMillis(250), u.connectTimeout());
    assertEquals(Duration.ofSeconds(3), u.discoveryTimeout());
    assertEquals(Duration.ZERO, u.busyTimeout());
    DqliteUrl d = DqliteUrl.parse("dqlite://h:1/x");
    assertEquals(Duration.ofSeconds(10), d.callTimeout());
    assertNull(d.busyTimeout());
  }

  @Test
  void badUrlsAreConfigurationErrorsThatNameTheProblem() {
    assertTrue(assertThrows(ConfigurationException.class, () -> DqliteUrl.parse("dqlite://h:1"))
        .getMessage().contains("database name is missing"));
    assertTrue(assertThrows(ConfigurationException.class, () -> DqliteUrl.parse("dqlite://h:1/x?retries=3"))
        .getMessage().contains("unknown option \"retries\""));
    assertTrue(assertThrows(ConfigurationException.class, () -> DqliteUrl.parse("dqlite://h:70000/x"))
        .getMessage().contains("port outside"));
    for (String bad : List.of("jdbc:sqlite:x", "dqlite:///x", "dqlite://h/x", "dqlite://h:1/", "dqlite://h:1/../x",
        "dqlite://h:1/x?callTimeout=0", "dqlite://h:1/x?callTimeout", "dqlite://h:1/x?callTimeout=1&callTimeout=2",
        "dqlite://h:1,h:1/x")) {
      assertThrows(ConfigurationException.class, () -> DqliteUrl.parse(bad), bad);
    }
  }

  @Test
  void providerIsFoundByServiceLoaderForDqliteUrlsOnly() {
    DriverProvider p = ServiceLoader.load(DriverProvider.class).stream().map(ServiceLoader.Provider::get)
        .filter(x -> x.name().equals("dqlite")).findFirst().orElseThrow();
    assertTrue(p.accepts("dqlite://h:1/x"));
    assertFalse(p.accepts("jdbc:sqlite:x.db"));
  }

  private static DqliteSqlException failure(int code, String message) {
    return new DqliteSqlException(DqliteSqlException.Kind.FAILURE, message, code, null);
  }

  @Test
  void translatesServerCodesToTheTypedFamily() {
    DuplicateKeyException dup = assertInstanceOf(DuplicateKeyException.class, ErrorTranslator.translate(
        failure(2067, "UNIQUE constraint failed: users.email"), "insert into \"users\""));
    assertEquals("insert into \"users\": duplicate key in table \"users\" on column email", dup.getMessage());
    assertInstanceOf(DuplicateKeyException.class, ErrorTranslator.translate(failure(1555, "x"), "w"));
    assertInstanceOf(ConstraintViolationException.class, ErrorTranslator.translate(
        failure(1299, "NOT NULL constraint failed: t.c"), "w"));
    TransientConflictException busy = assertInstanceOf(TransientConflictException.class,
        ErrorTranslator.translate(failure(5, "database is locked"), "begin"));
    assertEquals(SqliteResultCode.BUSY, busy.sqliteCode());
    assertInstanceOf(ReadOnlyException.class, ErrorTranslator.translate(
        failure(8, "attempt to write a readonly database"), "w"));
    assertInstanceOf(DataAccessException.class, ErrorTranslator.translate(failure(1, "no such table: t"), "r"));
  }

  @Test
  void translatesClientSideKinds() {
    assertTrue(ErrorTranslator.translate(new DqliteSqlException(DqliteSqlException.Kind.NOT_LEADER, "not leader",
        10250, null), "w").isTransient());
    TransientConflictException lost = assertInstanceOf(TransientConflictException.class, ErrorTranslator.translate(
        new DqliteSqlException(DqliteSqlException.Kind.LOST_SENT, "reset", 0, null), "write"));
    assertTrue(lost.getMessage().contains("nothing was applied"), lost.getMessage());
    assertInstanceOf(DataAccessException.class, ErrorTranslator.translate(
        new DqliteSqlException(DqliteSqlException.Kind.NO_LEADER, "no leader", 0, null), "w"));
    assertInstanceOf(OperationNotSupportedException.class, ErrorTranslator.translate(
        new DqliteSqlException(DqliteSqlException.Kind.UNSUPPORTED, "300 parameters", 0, null), "w"));
    assertInstanceOf(ValidationException.class, ErrorTranslator.translate(
        new DqliteSqlException(DqliteSqlException.Kind.REFUSED, "NUL in text", 0, null), "w"));
    OutcomeUnknownException u = new OutcomeUnknownException("commit: lost");
    assertEquals(ErrorCode.OUTCOME_UNKNOWN, u.code());
    assertFalse(u.isTransient(), "a blind retry could apply the write twice");
  }

  @Test
  void encodesTheSpiParameterTypes() throws Exception {
    assertEquals(java.util.Arrays.asList(1L, 2L, 1L, 0L, 1.5, null, "s", "1.25"), DqliteSession.encode(
        java.util.Arrays.asList(1, (short) 2, true, false, 1.5f, null, "s", new java.math.BigDecimal("1.25"))));
    DqliteSqlException e = assertThrows(DqliteSqlException.class, () -> DqliteSession.encode(List.of(new Object())));
    assertEquals(DqliteSqlException.Kind.REFUSED, e.kind());
  }

  @Test
  void realsRenderAsSqliteDoes() {
    assertEquals("1.5", SessionRows.realText(1.5));
    assertEquals("1.0", SessionRows.realText(1.0));
    assertEquals("1.0e+20", SessionRows.realText(1e20));
    assertEquals("-0.1", SessionRows.realText(-0.1));
  }
}
