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
 *
 * <p>It is {@link #active() active} only while someone listens, so the driver neither times nor reports
 * statements of a kit without listeners. Values reach only the builder's listener, and only when it asks for
 * them; plugins' listeners never see values, whatever they declare.
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
  public boolean active() {
    return plugins.length > 0 || user != null && user.active();
  }

  @Override
  public boolean wantsValues() {
    return user != null && user.wantsValues();
  }

  @Override
  public void onStatement(StatementEvent event) {
    if (user != null && user.active()) {
      deliver(user, user.wantsValues() ? event : event.withoutValues());
    }
    StatementListener[] ls = plugins;
    if (ls.length > 0) {
      StatementEvent bare = event.withoutValues();
      for (StatementListener l : ls) {
        deliver(l, bare);
      }
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
