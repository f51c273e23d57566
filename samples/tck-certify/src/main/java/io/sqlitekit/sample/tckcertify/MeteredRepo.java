package io.sqlitekit.sample.tckcertify;

import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.TransactionWork;
import io.sqlitekit.support.repo.ForwardingStandardRepo;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * A third-party {@link StandardRepo}: it forwards every call to another repository and counts the calls per
 * method, the kind of decorator an application writes for metrics. Because it is an implementation of the
 * contract in its own right, it has to be certified like one; {@code TckCertifyIT} does that with the TCK.
 *
 * <p>It extends the kit's {@link ForwardingStandardRepo} (module {@code io.sqlitekit.support}) rather than
 * implementing the interface by hand: a hand-written decorator once refused optional operations its delegate
 * supported and advertised through {@code capabilities()}, because it lacked their forwarders and inherited the
 * interface's refusing defaults. The base forwards every operation, present and future, and routes each through
 * one {@code forward} hook, which is where the counting happens.
 *
 * <p>Views ({@link #withContext}) and transaction-bound repositories are wrapped too and share the counters, so
 * a call counts the same whichever view it went through. Thread-safe when the delegate is.
 *
 * @param <T> the entity type
 * @param <ID> the key type
 */
public final class MeteredRepo<T, ID> extends ForwardingStandardRepo<T, ID> {
  private final Map<String, LongAdder> calls;

  private MeteredRepo(StandardRepo<T, ID> delegate, Map<String, LongAdder> calls) {
    super(delegate);
    this.calls = calls;
  }

  /**
   * Wraps a repository with fresh counters.
   *
   * @param delegate the repository that does the work
   * @param <T> the entity type
   * @param <ID> the key type
   * @return the metered repository
   */
  public static <T, ID> MeteredRepo<T, ID> over(StandardRepo<T, ID> delegate) {
    return new MeteredRepo<>(delegate, new ConcurrentHashMap<>());
  }

  /**
   * Returns the number of calls per method name so far, sorted by name.
   *
   * @return a snapshot
   */
  public Map<String, Long> calls() {
    Map<String, Long> out = new TreeMap<>();
    calls.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /** Counts the operation under its method name, then forwards it. */
  @Override
  protected <R> R forward(String operation, Supplier<R> call) {
    calls.computeIfAbsent(operation, k -> new LongAdder()).increment();
    return call.get();
  }

  /** Returns the delegate's view, metered into the same counters. */
  @Override
  public StandardRepo<T, ID> withContext(CallContext context) {
    return new MeteredRepo<>(delegate().withContext(context), calls);
  }

  /** Counts the transaction once and meters the calls made through the transaction-bound repository. */
  @Override
  public <R> R withTransaction(TransactionWork<StandardRepo<T, ID>, R> work) {
    return super.withTransaction(tx -> work.run(new MeteredRepo<>(tx, calls)));
  }
}
