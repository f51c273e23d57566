package io.sqlitekit.support.repo;

import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.SortField;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The lazy keyset walk behind {@code StandardRepo.stream} in every kit: a batch is read only when the previous
 * one is used up, each after the sort-key values of the last item read, and the walk ends after a short batch.
 * Batches are read outside the call's hooks, when the caller consumes the stream.
 *
 * @since 0.2.0
 */
public final class KeysetWalk {
  private KeysetWalk() {}

  /**
   * One batch a {@link Reader} read.
   *
   * @param items the items, at most the size asked for
   * @param lastKey the sort-key values of the last item, or null when there is none
   * @param <E> the item type
   */
  public record Batch<E>(List<E> items, List<Object> lastKey) {}

  /**
   * Reads the next batch of a walk.
   *
   * @param <E> the item type
   */
  @FunctionalInterface
  public interface Reader<E> {
    /**
     * Reads up to {@code size} items in the walk's total order after a position.
     *
     * @param after the sort-key values to continue after, or null for the first batch
     * @param size the batch size
     * @return the batch
     */
    Batch<E> read(List<Object> after, int size);
  }

  /**
   * Returns an item's sort-key values, in the order of the sort's fields.
   *
   * @param total the walk's total order
   * @param fields the item's decoded fields
   * @return the values to continue after
   */
  public static List<Object> keyOf(Sort total, Map<String, Object> fields) {
    List<Object> values = new ArrayList<>(total.fields().size());
    for (SortField f : total.fields()) {
      values.add(fields.get(f.field()));
    }
    return values;
  }

  /**
   * Returns a sequential, ordered stream that reads batches of {@code batchSize} on demand.
   *
   * @param batchSize the batch size
   * @param reader reads one batch
   * @param <E> the item type
   * @return the stream
   */
  public static <E> Stream<E> stream(int batchSize, Reader<E> reader) {
    Iterator<E> it = new Iterator<>() {
      private List<E> batch = List.of();
      private int pos;
      private boolean exhausted;
      private List<Object> last;

      @Override
      public boolean hasNext() {
        if (pos < batch.size()) {
          return true;
        }
        if (exhausted) {
          return false;
        }
        Batch<E> read = reader.read(last, batchSize);
        batch = read.items();
        pos = 0;
        if (batch.size() < batchSize) {
          exhausted = true;
        }
        if (!batch.isEmpty()) {
          last = read.lastKey();
        }
        return pos < batch.size();
      }

      @Override
      public E next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return batch.get(pos++);
      }
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }
}
