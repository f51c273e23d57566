package io.sqlitekit.spi.plugin;

import io.sqlitekit.spi.driver.SqlSession;
import java.sql.SQLException;

/**
 * A before-commit hook that writes through the write's own session: it runs on the writing thread inside the
 * operation's transaction, after the operation's SQL ran and before the commit, and its statements are part of
 * that transaction (no savepoint, no second transaction). An audit table or an outbox registers one with
 * {@link HookRegistry#beforeCommit(java.util.Set, int, SessionHook)}.
 *
 * <p>Throwing rolls the write back; an {@link SQLException} is translated into the kit's typed exception family
 * (by its SQLite result code) and reaches the caller and the error hooks.
 *
 * @since 0.2.0
 */
@FunctionalInterface
public interface SessionHook {
  /**
   * Handles the event.
   *
   * @param context the call's context
   * @param result the result the call will return, typed ({@link CallResult#of})
   * @param session the session of the write transaction; valid only during this call, on this thread
   * @throws SQLException if a statement fails
   */
  void beforeCommit(HookContext context, CallResult result, SqlSession session) throws SQLException;
}
