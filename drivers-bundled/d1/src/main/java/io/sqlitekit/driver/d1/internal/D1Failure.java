package io.sqlitekit.driver.d1.internal;

import io.sqlitekit.d1.client.D1Exception;
import io.sqlitekit.d1.client.D1SqlException;
import java.sql.SQLException;

/**
 * Internal, not API, may change. A {@link D1Exception} carried through {@link io.sqlitekit.spi.driver.SqlWork}
 * as the {@link SQLException} the SPI expects; its error code is SQLite's extended result code when D1 named
 * one (so {@link io.sqlitekit.spi.error.SqliteResultCode#of(Throwable)} reads it), else 0.
 */
final class D1Failure extends SQLException {
  private static final long serialVersionUID = 1L;

  D1Failure(D1Exception cause) {
    super(cause.getMessage(), null, code(cause), cause);
  }

  /** Returns the client's exception. */
  D1Exception d1() {
    return (D1Exception) getCause();
  }

  private static int code(D1Exception e) {
    return e instanceof D1SqlException ? Math.max(0, ((D1SqlException) e).code()) : 0;
  }
}
