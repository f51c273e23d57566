package io.sqlitekit.d1.client;

/**
 * A write was sent and no definite answer came back: a timeout or broken connection after sending, a 5xx
 * without an SQL error, an unreadable answer. It may have been applied or not. The client never resends a
 * write, because doing so could apply it twice; the cause says what happened. Check the data (or make the
 * write idempotent) before trying again.
 *
 * @since 0.1.0
 */
public final class D1OutcomeUnknownException extends D1Exception {
  private static final long serialVersionUID = 1L;

  D1OutcomeUnknownException(String endpoint, Throwable cause) {
    super("a write was sent to D1 and its outcome is unknown (it may or may not have been applied; it was "
        + "not resent): " + cause.getMessage(), endpoint, cause);
  }
}
