package io.sqlitekit.driver.d1.internal;

import io.sqlitekit.d1.client.D1Client;
import io.sqlitekit.d1.client.D1Exception;
import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.driver.SqlWork;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.error.ConfigurationException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Internal, not API, may change. The {@link SqliteDriver} over Cloudflare D1's HTTP API.
 *
 * <p>There are no connections: every statement is one request on the thread-safe {@link D1Client}, and
 * D1 runs each request as its own transaction. So {@link #interactiveTransactions()} is false, {@link #write}
 * holds no transaction and no lock, and a unit of write work may send at most one writing request (see
 * {@link D1Session}); the kit refuses transactions and batches up front on such a driver. {@link #readSnapshot}
 * cannot give one snapshot either: a page and its total are two requests, and a write in between shows in one
 * and not the other.
 *
 * <p>After-commit actions of a write run once the unit ends if its write reached D1 (applied, or with an unknown
 * outcome), even when the work then threw: D1 already committed that write, so caches and listeners must learn
 * of it. Pragmas and pool sizes of {@link DriverOptions} do not apply (D1 decides them); its statement listener
 * does.
 */
public final class D1Driver implements SqliteDriver {
  private static final System.Logger LOG = System.getLogger(D1Driver.class.getName());
  private final String url;
  private final D1Client client;
  private final DriverOptions options;
  private final ThreadLocal<D1Session.Unit> current = new ThreadLocal<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicInteger running = new AtomicInteger();

  private D1Driver(String url, D1Client client, DriverOptions options) {
    this.url = url;
    this.client = client;
    this.options = options;
  }

  /**
   * Opens a driver. Nothing is sent yet: a database given by name is looked up on first use.
   *
   * @param url a {@code d1://}, {@code d1+http://} or {@code d1+https://} URL (see the module's README)
   * @param options the options (only the statement listener applies)
   * @return the driver
   * @throws ConfigurationException if the URL is malformed or a Cloudflare URL has no token
   */
  public static D1Driver open(String url, DriverOptions options) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(options, "options");
    D1Client client;
    try {
      client = D1Client.open(url);
    } catch (IllegalArgumentException | IllegalStateException e) {
      // The client's messages never repeat the URL (it may hold the token).
      throw new ConfigurationException("cannot open the Cloudflare D1 driver: " + e.getMessage(), e);
    }
    return new D1Driver(safeUrl(url), client, options);
  }

  /** The URL without its options, which may hold the token. */
  private static String safeUrl(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }

  /** Returns the client (for tests in this package). */
  D1Client client() {
    return client;
  }

  @Override
  public String url() {
    return url;
  }

  @Override
  public boolean interactiveTransactions() {
    return false;
  }

  /** D1 cannot register application functions, so there is no {@code REGEXP}. */
  @Override
  public boolean supportsRegexp() {
    return false;
  }

  @Override
  public <R> R read(SqlWork<R> work) {
    Objects.requireNonNull(work, "work");
    D1Session.Unit u = current.get();
    if (u != null) {
      return run(u, work, "read");
    }
    return outermost(new D1Session.Unit(false), work, "read");
  }

  @Override
  public <R> R write(SqlWork<R> work) {
    Objects.requireNonNull(work, "work");
    D1Session.Unit u = current.get();
    if (u != null && u.writable) {
      return run(u, work, "write");
    }
    if (u != null) {
      // A write started inside a running read: its own unit, the read's unit comes back afterwards.
      try {
        return outermost(new D1Session.Unit(true), work, "write");
      } finally {
        current.set(u);
      }
    }
    return outermost(new D1Session.Unit(true), work, "write");
  }

  private <R> R outermost(D1Session.Unit u, SqlWork<R> work, String what) {
    if (closed.get()) {
      throw new IllegalStateException("the D1 driver is closed");
    }
    running.incrementAndGet();
    current.set(u);
    boolean ok = false;
    try {
      R result = run(u, work, what);
      ok = true;
      return result;
    } finally {
      current.remove();
      running.decrementAndGet();
      if (ok || u.applied) {
        u.afterCommit.forEach(a -> runAction(a, "after-commit"));
      }
      u.afterCompletion.forEach(a -> runAction(a, "after-completion"));
    }
  }

  /** Runs an action; its failure is logged and never changes the outcome, as with the xerial driver. */
  private static void runAction(Runnable action, String kind) {
    try {
      action.run();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, kind + " action failed; the write's outcome stands", e);
    }
  }

  private <R> R run(D1Session.Unit u, SqlWork<R> work, String what) {
    D1Session session = new D1Session(client, u, options.statementListener());
    try {
      return work.run(session);
    } catch (SQLException e) {
      throw translate(e, what);
    } catch (D1Exception e) {
      // Thrown past the session (a reader calling the client itself): still the kit's family.
      throw D1Errors.translate(e, what, e);
    } finally {
      session.end();
    }
  }

  @Override
  public boolean inTransaction() {
    D1Session.Unit u = current.get();
    return u != null && u.writable;
  }

  @Override
  public void afterCommit(Runnable action) {
    Objects.requireNonNull(action, "action");
    D1Session.Unit u = current.get();
    if (u != null && u.writable) {
      u.afterCommit.add(action);
    } else {
      runAction(action, "after-commit");
    }
  }

  @Override
  public void afterCompletion(Runnable action) {
    Objects.requireNonNull(action, "action");
    D1Session.Unit u = current.get();
    if (u != null && u.writable) {
      u.afterCompletion.add(action);
    } else {
      runAction(action, "after-completion");
    }
  }

  @Override
  public RuntimeException translate(SQLException error, String what) {
    return D1Errors.translate(error, what);
  }

  @Override
  public void close() {
    if (current.get() != null) {
      throw new IllegalStateException("close() called from inside work of this driver");
    }
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    // Waits (bounded) for running work; a request in flight ends within the client's own deadline.
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (running.get() > 0 && System.nanoTime() < until) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    client.close();
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "D1Driver[%s]", url);
  }
}
