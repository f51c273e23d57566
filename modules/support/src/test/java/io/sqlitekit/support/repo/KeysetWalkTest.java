package io.sqlitekit.support.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.SortField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KeysetWalkTest {
  /** Reads from 0..count-1 after the last key, recording every read as "after/size". */
  private static KeysetWalk.Reader<Integer> numbers(int count, List<String> reads) {
    return (after, size) -> {
      reads.add(after + "/" + size);
      int from = after == null ? 0 : (Integer) after.get(0) + 1;
      List<Integer> items = IntStream.range(from, Math.min(count, from + size)).boxed().collect(Collectors.toList());
      return new KeysetWalk.Batch<>(items, items.isEmpty() ? null : List.of(items.get(items.size() - 1)));
    };
  }

  @Test
  void readsBatchesAfterTheLastKeyUntilAShortBatch() {
    List<String> reads = new ArrayList<>();
    assertEquals(IntStream.range(0, 7).boxed().collect(Collectors.toList()),
        KeysetWalk.stream(3, numbers(7, reads)).collect(Collectors.toList()));
    assertEquals(List.of("null/3", "[2]/3", "[5]/3"), reads);
  }

  @Test
  void anExactMultipleEndsWithOneEmptyRead() {
    List<String> reads = new ArrayList<>();
    assertEquals(6, KeysetWalk.stream(3, numbers(6, reads)).count());
    assertEquals(List.of("null/3", "[2]/3", "[5]/3"), reads);
  }

  @Test
  void readsNothingUntilConsumedAndOnlyWhatIsConsumed() {
    List<String> reads = new ArrayList<>();
    var stream = KeysetWalk.stream(2, numbers(100, reads));
    assertEquals(List.of(), reads);
    assertEquals(List.of(0, 1, 2), stream.limit(3).collect(Collectors.toList()));
    assertEquals(List.of("null/2", "[1]/2"), reads);
  }

  @Test
  void keyOfTakesTheSortFieldsInOrder() {
    Sort total = new Sort(Arrays.asList(SortField.desc("age"), SortField.asc("id")));
    assertEquals(Arrays.asList(null, "u1"), KeysetWalk.keyOf(total, Map.of("id", "u1", "name", "n")));
  }
}
