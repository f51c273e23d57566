package io.sqlitekit.core;

import static io.sqlitekit.core.Fixtures.DOCS;
import static io.sqlitekit.spi.filter.Filters.all;
import static io.sqlitekit.spi.filter.Filters.eq;
import static io.sqlitekit.spi.filter.Filters.gt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.FindOptions;
import io.sqlitekit.spi.update.Update;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Eight threads mixing reads and writes on one WAL file for ten seconds: no busy errors, no lost write. */
class ConcurrencyIT {
  @TempDir
  Path dir;

  @Test
  void mixedLoadLosesNothing() throws Exception {
    try (SqliteKit kit = Fixtures.open(dir)) {
      SqliteRepository<Map<String, Object>, Object> docs = kit.documents(DOCS);
      Object counter = docs.create(Map.of("title", "counter", "n", 0L)).get("id");
      int threads = 8;
      long deadline = System.nanoTime() + 10_000_000_000L;
      AtomicLong creates = new AtomicLong();
      AtomicLong increments = new AtomicLong();
      AtomicLong reads = new AtomicLong();
      ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> ts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        Thread th = new Thread(() -> {
          try {
            start.await();
            long i = 0;
            while (System.nanoTime() < deadline) {
              switch ((int) (i++ % 4)) {
                case 0:
                  docs.create(Map.of("title", "t" + id + "-" + i, "n", (long) id));
                  creates.incrementAndGet();
                  break;
                case 1:
                  docs.increment(counter, "n", 1);
                  increments.incrementAndGet();
                  break;
                case 2:
                  docs.getById(counter).orElseThrow();
                  docs.count(eq("n", (long) id));
                  reads.incrementAndGet();
                  break;
                default:
                  docs.findAll(gt("n", -1L), FindOptions.defaults().withLimit(20));
                  docs.updateMany(eq("title", "t" + id + "-" + (i - 3)), Update.set("n", (long) id));
                  reads.incrementAndGet();
              }
            }
          } catch (Throwable e) {
            errors.add(e);
          }
        });
        th.start();
        ts.add(th);
      }
      start.countDown();
      for (Thread th : ts) {
        th.join();
      }
      assertTrue(errors.isEmpty(), () -> "errors under load: " + errors);
      assertEquals(creates.get() + 1, docs.count(all()));
      assertEquals(increments.get(), docs.getById(counter).orElseThrow().get("n"));
      long content = 0;
      for (int t = 0; t < threads; t++) {
        content += docs.count(io.sqlitekit.spi.filter.Filters.and(
            io.sqlitekit.spi.filter.Filters.startsWith("title", "t" + t + "-"), eq("n", (long) t)));
      }
      assertEquals(creates.get(), content, "every created row is intact with its creator's value");
      assertTrue(reads.get() > 0 && increments.get() > 0 && creates.get() > 0);
    }
  }
}
