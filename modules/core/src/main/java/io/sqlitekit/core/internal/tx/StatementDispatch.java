package io.sqlitekit.core.internal.tx;

import io.sqlitekit.spi.driver.StatementEvent;
import io.sqlitekit.spi.driver.StatementListener;
import java.util.Arrays;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal, not API, may change. The one statement listener a kit gives its driver: it hands each event to the
 * builder's listener and to the listeners plugins registered ({@code HookRegistry.onStatement}), each in
 * isolation (what one throws is logged and never reaches the others or the statement).
 */
public final class StatementDispatch implements StatementListener {
  private static final Logger LOG = LoggerFactory.getLogger(StatementDispatch.class);
  private static final StatementListener[] NONE = new StatementListener[0];

  private final StatementListener user;
  private volatile StatementListener[] plugins = NONE;

  /**
   * Creates the dispatch.
   *
   * @param user the builder's listener, or null
   */
  public StatementDispatch(StatementListener user) {
    this.user = user;
  }

  /**
   * Adds a plugin's listener; the same instance is added once, however many repositories register it.
   *
   * @param listener the listener
   */
  public synchronized void add(StatementListener listener) {
    Objects.requireNonNull(listener, "listener");
    for (StatementListener l : plugins) {
      if (l == listener) {
        return;
      }
    }
    StatementListener[] next = Arrays.copyOf(plugins, plugins.length + 1);
    next[plugins.length] = listener;
    plugins = next;
  }

  @Override
  public void onStatement(StatementEvent event) {
    if (user != null) {
      deliver(user, event);
    }
    for (StatementListener l : plugins) {
      deliver(l, event);
    }
  }

  private static void deliver(StatementListener l, StatementEvent event) {
    try {
      l.onStatement(event);
    } catch (RuntimeException e) {
      LOG.warn("statement listener {} failed; the statement's outcome stands", l.getClass().getName(), e);
    }
  }
}
