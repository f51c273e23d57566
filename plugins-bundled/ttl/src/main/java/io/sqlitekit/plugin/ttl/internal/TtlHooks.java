package io.sqlitekit.plugin.ttl.internal;

import io.sqlitekit.plugin.ttl.TtlIndexes;
import io.sqlitekit.plugin.ttl.TtlMode;
import io.sqlitekit.plugin.ttl.TtlOptions;
import io.sqlitekit.plugin.ttl.TtlPlugin;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.RepositoryException;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.plugin.HookPriority;
import io.sqlitekit.spi.plugin.HookRegistry;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.plugin.TimeVariantFilter;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.ColumnMode;
import io.sqlitekit.spi.table.TableDef;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal, not API, may change. The TTL plugin: read filter in every mode, plus the trigger or the
 * scheduled sweeper.
 */
public final class TtlHooks implements RepositoryPlugin {
  private static final Logger LOG = LoggerFactory.getLogger(TtlHooks.class);

  private final TtlOptions options;

  /**
   * Creates the plugin.
   *
   * @param options the options
   */
  public TtlHooks(TtlOptions options) {
    this.options = options;
  }

  @Override
  public String name() {
    return TtlPlugin.NAME;
  }

  @Override
  public void install(HookRegistry registry) {
    TableDef table = registry.table();
    Column column = column(table);
    Clock clock = registry.clock();
    String field = options.field();
    Optional<SqliteDriver> driver = registry.driver();
    TableTtl ttl = driver.map(d -> new TableTtl(table, d, clock, options, column)).orElse(null);
    String rule = "ttl:" + field;
    registry.before(Operation.reads(), HookPriority.POLICY, ctx -> {
      if (ctx.callContext().isSet(TtlPlugin.INCLUDE_EXPIRED)) {
        return;
      }
      Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
      Filter live = Filters.or(Filters.isNull(field), Filters.gt(field, now));
      ctx.setFilter(Filters.and(ctx.filter(), live));
      if (ttl != null) {
        // Lets a read cache key the read without "now" and keep its answer until the next row expires.
        TimeVariantFilter.declare(ctx, new TimeVariantFilter(live, rule, now, () -> ttl.nextExpiryAfter(now)));
      }
    });
    if (ttl == null) {
      if (options.mode() != TtlMode.LAZY) {
        throw new ConfigurationException(String.format(Locale.ROOT,
            "ttl plugin: mode %s on table %s needs a SQLite-backed repository", options.mode(), table.name()));
      }
      return;
    }
    TtlTables.add(ttl);
    registry.onClose(() -> TtlTables.remove(ttl));
    if (options.mode() == TtlMode.TRIGGER) {
      String ddl = TtlIndexes.expiryIndexSql(table, options) + "\n" + TableTtl.triggerSql(table, column);
      try {
        driver.get().write(s -> {
          s.executeScript(ddl);
          return null;
        });
      } catch (RepositoryException e) {
        throw new ConfigurationException(String.format(Locale.ROOT,
            "ttl plugin: cannot create the prune trigger on table %s (does the table exist?)", table.name()), e);
      }
    } else if (options.mode() == TtlMode.SCHEDULED) {
      ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sqlitekit-ttl-" + table.name());
        t.setDaemon(true);
        return t;
      });
      long every = options.interval().toMillis();
      timer.scheduleWithFixedDelay(() -> {
        try {
          long n = ttl.sweep();
          if (n > 0 && LOG.isDebugEnabled()) {
            LOG.debug("ttl sweep removed {} expired rows from {}", n, table.name());
          }
        } catch (RuntimeException e) {
          // Keep the schedule alive: a transient conflict or a closing kit must not kill the sweeper.
          LOG.warn("ttl sweep of table {} failed", table.name(), e);
        }
      }, every, every, TimeUnit.MILLISECONDS);
      registry.onClose(() -> {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
      });
    }
  }

  private Column column(TableDef table) {
    Column c = table.column(options.field()).orElseThrow(() -> new ConfigurationException(String.format(
        Locale.ROOT, "ttl plugin: table %s has no field %s", table.name(), options.field())));
    if (c.mode() != ColumnMode.TIMESTAMP_ISO && c.mode() != ColumnMode.TIMESTAMP_MILLIS) {
      throw new ConfigurationException(String.format(Locale.ROOT,
          "ttl plugin: field %s of table %s must be a timestamp column stored as ISO-8601 text or epoch"
              + " milliseconds, but its mode is %s", options.field(), table.name(), c.mode()));
    }
    return c;
  }
}
