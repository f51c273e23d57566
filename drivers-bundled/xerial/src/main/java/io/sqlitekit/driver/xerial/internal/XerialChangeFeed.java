package io.sqlitekit.driver.xerial.internal;

import io.sqlitekit.spi.driver.ChangeBatch;
import io.sqlitekit.spi.driver.ChangeListener;
import io.sqlitekit.spi.driver.ChangeSubscription;
import io.sqlitekit.spi.driver.RowChange;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteUpdateListener;

/**
 * Internal, not API, may change. The change notifications of one {@link XerialDriver}.
 *
 * <p>Own writes: SQLite's update hook on the writer connection buffers each changed row of the running
 * transaction; the driver hands the buffer out when COMMIT succeeded ({@link #committed()}), drops it on
 * rollback ({@link #discard()}) and cuts it back when a savepoint rolls back ({@link #mark()} /
 * {@link #truncate(int)}), so no listener ever hears of work that did not commit. The hook is silent for
 * {@code WITHOUT ROWID} tables and truncating deletes; comparing the connection's {@code total_changes()}
 * delta with the hook's count detects such changes, and the batch is then marked incomplete ("assume every
 * table changed").
 *
 * <p>Other connections and processes: the writer connection's {@code PRAGMA data_version} changes exactly
 * when another connection committed, never for its own commits, so polling it on a daemon thread reports
 * external commits without echoing this driver's own.
 *
 * <p>Threading: the buffer and counters are touched only by the thread holding the driver's writer lock
 * (the update hook runs on the thread stepping the statement). Subscriptions are a copy-on-write list.
 */
final class XerialChangeFeed {
  private static final Logger LOG = LoggerFactory.getLogger(XerialChangeFeed.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  /** Reads the writer connection's data_version under the writer lock; null when it could not. */
  interface VersionProbe {
    Long dataVersion();
  }

  private final SQLiteConnection connection;
  private final VersionProbe probe;
  private final String name;
  private final CopyOnWriteArrayList<Sub> subscriptions = new CopyOnWriteArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  // Guarded by the writer lock.
  private final List<RowChange> pending = new ArrayList<>();
  private boolean hookInstalled;
  private volatile boolean active;
  private long hooked;
  private long totalAtBegin;
  // Guarded by this.
  private ScheduledExecutorService poller;

  XerialChangeFeed(SQLiteConnection connection, VersionProbe probe, String name) {
    this.connection = connection;
    this.probe = probe;
    this.name = name;
  }

  private final SQLiteUpdateListener hook = (type, database, table, rowid) -> {
    if (!active) {
      return;
    }
    hooked++;
    pending.add(new RowChange(kind(type), table, rowid));
  };

  private static RowChange.Kind kind(SQLiteUpdateListener.Type type) {
    switch (type) {
      case INSERT:
        return RowChange.Kind.INSERT;
      case DELETE:
        return RowChange.Kind.DELETE;
      default:
        return RowChange.Kind.UPDATE;
    }
  }

  /** Installs the update hook; called with the writer lock held, before the first subscription counts. */
  void installHook() {
    if (!hookInstalled) {
      connection.addUpdateListener(hook);
      hookInstalled = true;
    }
  }

  boolean active() {
    return active;
  }

  /** Starts a transaction's buffer (writer lock held). */
  void begin() {
    pending.clear();
    hooked = 0;
    if (active) {
      totalAtBegin = totalChanges();
    }
  }

  private long totalChanges() {
    try {
      return connection.getDatabase().total_changes();
    } catch (SQLException e) {
      // Unknown: -1 makes the batch incomplete, the safe answer.
      LOG.debug("total_changes() failed", e);
      return -1;
    }
  }

  /** Returns the buffer position a savepoint may roll back to (writer lock held). */
  int mark() {
    return pending.size();
  }

  /** Drops the rows a rolled-back savepoint changed (writer lock held). */
  void truncate(int mark) {
    while (pending.size() > mark) {
      pending.remove(pending.size() - 1);
    }
  }

  /** Drops the buffer of a rolled-back transaction (writer lock held). */
  void discard() {
    pending.clear();
    hooked = 0;
  }

  /**
   * Returns the committed transaction's batch, or null when there is nothing to tell (writer lock held).
   */
  ChangeBatch committed() {
    if (!active) {
      pending.clear();
      return null;
    }
    long total = totalChanges();
    // Rows the hook did not report (WITHOUT ROWID, truncation) still count in total_changes().
    boolean complete = total >= 0 && totalAtBegin >= 0 && total - totalAtBegin <= hooked;
    hooked = 0;
    if (pending.isEmpty() && complete) {
      return null;
    }
    ChangeBatch batch = new ChangeBatch(pending, complete, false);
    pending.clear();
    return batch;
  }

  /** Hands a batch to every subscription; called after the writer lock is released. */
  void deliver(ChangeBatch batch) {
    if (batch == null) {
      return;
    }
    for (Sub s : subscriptions) {
      s.deliver(batch);
    }
  }

  /**
   * Adds a subscription (the caller installed the hook under the writer lock first).
   *
   * @param listener the listener
   * @param externalPoll the data_version polling interval, zero for none
   * @return the subscription
   */
  ChangeSubscription subscribe(ChangeListener listener, Duration externalPoll) {
    Sub sub = new Sub(Objects.requireNonNull(listener, "listener"));
    subscriptions.add(sub);
    active = true;
    if (!externalPoll.isZero()) {
      Long start = probe.dataVersion();
      sub.lastVersion = start == null ? Long.MIN_VALUE : start;
      long millis = Math.max(1, externalPoll.toMillis());
      sub.poll = poller().scheduleWithFixedDelay(sub::poll, millis, millis, TimeUnit.MILLISECONDS);
    }
    return sub;
  }

  private synchronized ScheduledExecutorService poller() {
    if (closed.get()) {
      throw new IllegalStateException("driver closed");
    }
    if (poller == null) {
      poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sqlitekit-watch-" + name + "-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
    }
    return poller;
  }

  /** Returns whether a polling thread is running (for tests of shutdown). */
  synchronized boolean polling() {
    return poller != null && !poller.isTerminated();
  }

  /** Ends every subscription and stops the polling thread, waiting briefly for a running poll. */
  void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    subscriptions.forEach(s -> s.closed = true);
    subscriptions.clear();
    active = false;
    ScheduledExecutorService p;
    synchronized (this) {
      p = poller;
    }
    if (p != null) {
      p.shutdownNow();
      try {
        if (!p.awaitTermination(5, TimeUnit.SECONDS)) {
          LOG.warn("the change polling thread of {} did not stop within 5 s", name);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private final class Sub implements ChangeSubscription {
    final ChangeListener listener;
    volatile boolean closed;
    volatile ScheduledFuture<?> poll;
    long lastVersion;

    Sub(ChangeListener listener) {
      this.listener = listener;
    }

    void deliver(ChangeBatch batch) {
      if (closed) {
        return;
      }
      try {
        listener.onChange(batch);
      } catch (RuntimeException e) {
        LOG.warn("change listener failed; the commit stands", e);
      }
    }

    void poll() {
      Long v = probe.dataVersion();
      if (v == null || closed) {
        return;
      }
      if (v != lastVersion) {
        lastVersion = v;
        deliver(ChangeBatch.externalCommit());
      }
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      ScheduledFuture<?> f = poll;
      if (f != null) {
        f.cancel(false);
      }
      subscriptions.remove(this);
      // The hook stays installed (removing it would race with a running statement); it records nothing
      // while no one listens.
      active = !subscriptions.isEmpty();
    }
  }
}
