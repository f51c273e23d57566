package io.sqlitekit.tck.internal;

import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.plugin.AfterHook;
import io.sqlitekit.spi.plugin.BeforeHook;
import io.sqlitekit.spi.plugin.ErrorHook;
import io.sqlitekit.spi.plugin.HookRegistry;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.TableDef;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Internal, not API, may change. Wraps a plugin under certification: what it registers is recorded, and each of
 * its hooks records the operations it fired for. The kit installs the wrapper like any plugin; the wrapper
 * hands the plugin a registry that forwards to the kit's.
 */
public final class HookRecorder implements RepositoryPlugin {
  /** What kind of hook a registration is. */
  public enum Kind {
    /** {@link HookRegistry#before}. */
    BEFORE,
    /** {@link HookRegistry#after} and {@link HookRegistry#beforeCommit}. */
    AFTER,
    /** {@link HookRegistry#onError}. */
    ERROR
  }

  /**
   * One registration.
   *
   * @param kind the kind
   * @param operations the operations
   * @param priority the priority
   */
  public record Registration(Kind kind, Set<Operation> operations, int priority) {
  }

  /**
   * One firing.
   *
   * @param kind the kind
   * @param operation the operation
   * @param inTransaction whether the call ran inside a caller's transaction
   */
  public record Firing(Kind kind, Operation operation, boolean inTransaction) {
  }

  private final RepositoryPlugin plugin;
  private final List<Registration> registrations = new ArrayList<>();
  private final List<Firing> firings = new ArrayList<>();

  /**
   * Wraps a plugin.
   *
   * @param plugin the plugin under certification
   */
  public HookRecorder(RepositoryPlugin plugin) {
    this.plugin = plugin;
  }

  @Override
  public String name() {
    return plugin.name();
  }

  @Override
  public Set<String> runsAfter() {
    return plugin.runsAfter();
  }

  @Override
  public void install(HookRegistry registry) {
    plugin.install(new Forwarding(registry));
  }

  /**
   * Returns every registration so far.
   *
   * @return the registrations
   */
  public synchronized List<Registration> registrations() {
    return List.copyOf(registrations);
  }

  /**
   * Returns the operations a kind of hook was registered for.
   *
   * @param kind the kind
   * @return the operations
   */
  public synchronized Set<Operation> registeredFor(Kind kind) {
    Set<Operation> out = EnumSet.noneOf(Operation.class);
    registrations.stream().filter(r -> r.kind() == kind).forEach(r -> out.addAll(r.operations()));
    return out;
  }

  /**
   * Returns the firings since the last {@link #clearFirings()} or {@code takeFirings()}, and clears them.
   *
   * @return the firings in order
   */
  public synchronized List<Firing> takeFirings() {
    List<Firing> out = List.copyOf(firings);
    firings.clear();
    return out;
  }

  /** Forgets the firings so far. */
  public synchronized void clearFirings() {
    firings.clear();
  }

  private synchronized void registered(Kind kind, Set<Operation> operations, int priority) {
    registrations.add(new Registration(kind, Set.copyOf(operations), priority));
  }

  private synchronized void fired(Kind kind, Operation operation, boolean inTransaction) {
    firings.add(new Firing(kind, operation, inTransaction));
  }

  /** The registry the plugin sees: forwards to the kit's and wraps every hook. */
  private final class Forwarding implements HookRegistry {
    private final HookRegistry kit;

    Forwarding(HookRegistry kit) {
      this.kit = kit;
    }

    @Override
    public TableDef table() {
      return kit.table();
    }

    @Override
    public Clock clock() {
      return kit.clock();
    }

    @Override
    public Optional<SqliteDriver> driver() {
      return kit.driver();
    }

    @Override
    public StandardRepo<Map<String, Object>, Object> documents() {
      return kit.documents();
    }

    @Override
    public void before(Set<Operation> operations, int priority, BeforeHook hook) {
      registered(Kind.BEFORE, operations, priority);
      kit.before(operations, priority, ctx -> {
        fired(Kind.BEFORE, ctx.operation(), ctx.inTransaction());
        hook.before(ctx);
      });
    }

    @Override
    public void after(Set<Operation> operations, int priority, AfterHook hook) {
      registered(Kind.AFTER, operations, priority);
      kit.after(operations, priority, recording(hook));
    }

    @Override
    public void beforeCommit(Set<Operation> operations, int priority, AfterHook hook) {
      registered(Kind.AFTER, operations, priority);
      kit.beforeCommit(operations, priority, recording(hook));
    }

    private AfterHook recording(AfterHook hook) {
      return (ctx, result) -> {
        fired(Kind.AFTER, ctx.operation(), ctx.inTransaction());
        hook.after(ctx, result);
      };
    }

    @Override
    public void onError(Set<Operation> operations, int priority, ErrorHook hook) {
      registered(Kind.ERROR, operations, priority);
      kit.onError(operations, priority, (ctx, error) -> {
        fired(Kind.ERROR, ctx.operation(), ctx.inTransaction());
        hook.onError(ctx, error);
      });
    }

    @Override
    public void onClose(AutoCloseable resource) {
      kit.onClose(resource);
    }
  }
}
