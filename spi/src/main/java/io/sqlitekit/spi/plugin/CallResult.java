package io.sqlitekit.spi.plugin;

import io.sqlitekit.spi.BatchResult;
import io.sqlitekit.spi.GetOrCreateResult;
import io.sqlitekit.spi.UpdateResult;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A call's result as a plugin reads it, typed by what the call did instead of by the Java type each repository
 * method returns: the one place that knows those return types ({@link #of}), so a plugin switches over four
 * cases instead of testing {@code instanceof} per operation, and a change of a method's return type fails here
 * rather than in every plugin at run time.
 *
 * <pre>{@code
 * registry.after(Operation.writes(), HookPriority.OBSERVABILITY, (ctx, raw) -> {
 *   CallResult r = CallResult.of(ctx.operation(), raw);
 *   if (r instanceof CallResult.Written w) { w.rows().forEach(row -> log(row)); }
 * });
 * }</pre>
 *
 * @since 0.2.0
 */
public sealed interface CallResult {
  /**
   * The entities a row-wise write stored and returns, in order: one for create and upsert, each created one for
   * createMany, the created one for a getOrCreate that created (none when it found one), the returned one for
   * update, increment and findOneAndUpdate (none when nothing matched; for findOneAndUpdate the document as the
   * call returns it, before or after).
   *
   * @param rows the entities (records or documents, as the repository maps them)
   */
  record Written(List<Object> rows) implements CallResult {
    /** Copies the list. */
    public Written {
      rows = List.copyOf(rows);
    }
  }

  /**
   * The number of rows a write without per-row results changed: updateMany's modified count, deleteMany's count,
   * 1 or 0 for delete by id.
   *
   * @param rows the rows changed
   */
  record Counted(long rows) implements CallResult {
  }

  /**
   * A batch's results, one per statement, in order.
   *
   * @param results the results
   */
  record Batched(List<BatchResult<?>> results) implements CallResult {
    /** Copies the list. */
    public Batched {
      results = List.copyOf(results);
    }
  }

  /**
   * The result of a read, as the repository method returns it (an {@code Optional}, list, page, count, flag,
   * stream, distinct values or aggregate rows).
   *
   * @param value the result
   */
  record Read(Object value) implements CallResult {
  }

  /**
   * Types the result of an operation.
   *
   * @param operation the operation
   * @param result the result the call returns (as after- and before-commit hooks receive it)
   * @return the typed result
   * @throws IllegalArgumentException if the result is not of the operation's return type (a kit bug)
   */
  static CallResult of(Operation operation, Object result) {
    Objects.requireNonNull(operation, "operation");
    switch (operation) {
      case CREATE:
      case UPSERT:
        return new Written(List.of(Objects.requireNonNull(result, "result")));
      case CREATE_MANY:
        return new Written(List.copyOf(expect(operation, result, List.class)));
      case GET_OR_CREATE: {
        GetOrCreateResult<?> g = expect(operation, result, GetOrCreateResult.class);
        return new Written(g.created() ? List.of(g.doc()) : List.of());
      }
      case UPDATE:
      case INCREMENT:
      case FIND_ONE_AND_UPDATE: {
        Optional<?> o = expect(operation, result, Optional.class);
        return new Written(o.isPresent() ? List.of(o.get()) : List.of());
      }
      case UPDATE_MANY:
        return new Counted(expect(operation, result, UpdateResult.class).modifiedCount());
      case DELETE:
        return new Counted(expect(operation, result, Boolean.class) ? 1 : 0);
      case DELETE_MANY:
        return new Counted(expect(operation, result, Number.class).longValue());
      case BATCH: {
        @SuppressWarnings("unchecked")
        List<BatchResult<?>> list = expect(operation, result, List.class);
        return new Batched(list);
      }
      default:
        return new Read(result);
    }
  }

  private static <V> V expect(Operation op, Object result, Class<V> type) {
    if (!type.isInstance(result)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "the result of %s must be a %s, was %s", op,
          type.getSimpleName(), result == null ? "null" : result.getClass().getName()));
    }
    return type.cast(result);
  }
}
