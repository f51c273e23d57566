package io.sqlitekit.core;

import io.sqlitekit.spi.BatchBuilder;
import io.sqlitekit.spi.BatchResult;
import io.sqlitekit.spi.BatchStatement;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.update.Update;
import io.sqlitekit.support.rules.ViewRules;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A batch of prepared statements across several repositories of one kit, run atomically in one write
 * transaction.
 *
 * <pre>{@code
 * List<BatchResult<?>> r = Batch.run(kit, b -> List.of(
 *     b.on(orders).insert(order),
 *     b.on(stock).update(itemId, Update.inc("qty", -1)),
 *     b.on(carts).delete(cartId)));
 * }</pre>
 *
 * <p>Statements run in the order given. Each maximal run of consecutive statements of one repository goes
 * through that repository's {@code batch}, so its BATCH hooks apply: policy plugins scope and stamp the
 * statements (no per-statement CREATE/UPDATE/DELETE hooks run). Consecutive statements of one shape run as
 * one JDBC batch: DELETEs with the same rendered SQL, and INSERTs with the same fields including the primary
 * key (their rows are read back by key); other statements run one by one with {@code RETURNING}. The whole
 * batch is one transaction (joining the caller's, as a savepoint, when there is one): a failure anywhere
 * leaves nothing applied and the exception propagates unchanged. Outside a transaction the kit's
 * {@link SqliteKit#retryPolicy()} applies to the whole batch.
 *
 * <p>On a driver without interactive transactions (Cloudflare D1) the statements of every segment, after each
 * repository's hooks, go as one atomic request instead (each segment's hooks still run around it and see its
 * results); nothing is applied when any statement fails. There is no caller's transaction to join there.
 *
 * @since 0.1.0
 */
public final class Batch {
  private Batch() {
  }

  /**
   * Hands out per-repository statement builders for {@link Batch#run} and remembers which repository
   * built each statement. Building executes nothing. Valid only during the builder function.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final SqliteKit kit;
    private final Map<BatchStatement, SqliteRepository<?, ?>> owners = new IdentityHashMap<>();

    private Builder(SqliteKit kit) {
      this.kit = kit;
    }

    /**
     * Returns a statement builder for a repository of this kit.
     *
     * @param repository the repository the statements write through (its plugins and context apply)
     * @param <T> the entity type
     * @param <ID> the key type
     * @return the builder
     * @throws IllegalArgumentException if the repository belongs to another kit
     */
    public <T, ID> BatchBuilder<T, ID> on(SqliteRepository<T, ID> repository) {
      Objects.requireNonNull(repository, "repository");
      if (repository.kit() != kit) {
        throw new IllegalArgumentException("repository belongs to another kit");
      }
      BatchBuilder<T, ID> inner = repository.statements();
      return new BatchBuilder<>() {
        @Override
        public BatchStatement insert(T entity) {
          return own(inner.insert(entity));
        }

        @Override
        public BatchStatement upsert(T entity) {
          return own(inner.upsert(entity));
        }

        @Override
        public BatchStatement update(ID id, Update update) {
          return own(inner.update(id, Objects.requireNonNull(update, "update")));
        }

        @Override
        public BatchStatement delete(ID id) {
          return own(inner.delete(id));
        }

        private BatchStatement own(BatchStatement st) {
          owners.put(st, repository);
          return st;
        }
      };
    }
  }

  /**
   * Builds statements across repositories and runs them atomically in one write transaction.
   *
   * @param kit the kit whose repositories the statements use
   * @param statements returns the statements to run, at least one, each built by {@link Builder#on}
   * @return one result per statement, in order; {@code rows} holds the written row as the owning
   *     repository's entity type
   * @throws ValidationException if there is no statement or one was not built by the given builder
   * @throws io.sqlitekit.spi.error.RepositoryException the first failing statement's error (nothing applied)
   */
  public static List<BatchResult<?>> run(SqliteKit kit, Function<Builder, List<BatchStatement>> statements) {
    Objects.requireNonNull(kit, "kit");
    Objects.requireNonNull(statements, "statements");
    Builder b = new Builder(kit);
    List<BatchStatement> list = statements.apply(b);
    if (list == null || list.isEmpty()) {
      throw new ValidationException("batch has no statement");
    }
    List<Segment> segments = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      BatchStatement st = Objects.requireNonNull(list.get(i), "statement");
      SqliteRepository<?, ?> owner = b.owners.get(st);
      if (owner == null) {
        throw new ValidationException(String.format(Locale.ROOT,
            "batch statement %d on table \"%s\" was not built by this batch's builder; use b.on(repository)",
            i, st.table().name()));
      }
      // Before the transaction: a statement on a view fails the batch with nothing run.
      ViewRules.requireWritable(owner.table(), "batch statement " + i);
      Segment last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
      if (last == null || last.repository != owner) {
        last = new Segment(owner);
        segments.add(last);
      }
      last.statements.add(st);
    }
    if (!kit.driver().interactiveTransactions()) {
      // No transaction to join (Cloudflare D1): every segment's statements go in one atomic script.
      List<Runnable> runs = new ArrayList<>(segments.size());
      for (Segment s : segments) {
        runs.add(s::execute);
      }
      return AtomicChain.run(runs);
    }
    return kit.inTransaction(scope -> {
      List<BatchResult<?>> out = new ArrayList<>(list.size());
      for (Segment s : segments) {
        out.addAll(s.execute());
      }
      return out;
    });
  }

  /** Consecutive statements of one repository. */
  private static final class Segment {
    final SqliteRepository<?, ?> repository;
    final List<BatchStatement> statements = new ArrayList<>();

    Segment(SqliteRepository<?, ?> repository) {
      this.repository = repository;
    }

    List<? extends BatchResult<?>> execute() {
      return repository.batch(ignored -> statements);
    }
  }
}
