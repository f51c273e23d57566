package io.sqlitekit.core;

import io.sqlitekit.spi.StreamOptions;
import io.sqlitekit.spi.driver.PragmaPreset;
import io.sqlitekit.spi.filter.Filters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Child JVM of {@link PaginationIT#streamingRunsInConstantMemory}: fills a table, then streams it all. */
public final class StreamSmallHeapChild {
  private StreamSmallHeapChild() {
  }

  /**
   * Entry point.
   *
   * @param args database path and row count
   */
  public static void main(String[] args) {
    int rows = Integer.parseInt(args[1]);
    String pad = "x".repeat(180);
    try (SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + args[0]).preset(PragmaPreset.PRODUCTION)
        .build()) {
      kit.createTable(PaginationIT.ITEMS);
      SqliteRepository<Map<String, Object>, Object> items = kit.documents(PaginationIT.ITEMS);
      for (int from = 1; from <= rows; from += 2000) {
        List<Map<String, Object>> batch = new ArrayList<>(2000);
        for (long id = from; id < from + 2000 && id <= rows; id++) {
          Map<String, Object> r = new LinkedHashMap<>();
          r.put("id", id);
          r.put("score", id % 97);
          r.put("payload", pad + id);
          batch.add(r);
        }
        items.createMany(batch);
      }
      long seen;
      long last = -1;
      boolean ordered = true;
      try (Stream<Map<String, Object>> s = items.stream(Filters.all(), StreamOptions.defaults())) {
        long[] state = {0, -1, 1};
        s.forEach(r -> {
          long id = (Long) r.get("id");
          if (id <= state[1]) {
            state[2] = 0;
          }
          state[1] = id;
          state[0]++;
        });
        seen = state[0];
        last = state[1];
        ordered = state[2] == 1;
      }
      System.out.println("streamed " + seen + " rows, last id " + last + ", ordered " + ordered);
      if (seen != rows || !ordered) {
        System.exit(1);
      }
    }
  }
}
