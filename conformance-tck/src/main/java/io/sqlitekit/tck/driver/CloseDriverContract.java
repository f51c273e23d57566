package io.sqlitekit.tck.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.driver.SqliteDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import io.sqlitekit.tck.DriverContractTest;
import org.junit.jupiter.api.Assumptions;

/**
 * Closing: idempotent; new work after close is refused with {@link IllegalStateException} (the driver SPI's
 * documented error for a programming mistake, never a hang or a half-done write); close from inside the driver's
 * own work is refused and harms nothing; close waits for running work; and opening and closing drivers leaks no
 * connection (file descriptors of this process, where the platform shows them).
 */
class CloseDriverContract extends DriverContractSupport {
  @DriverContractTest
  void close_isIdempotent_andRefusesLaterWork(DriverFixture f) {
    SqliteDriver d = withTable(f.openAnother());
    put(d, "a", 1);
    d.close();
    d.close();
    assertThrows(IllegalStateException.class, () -> d.read(DriverContractSupport::count), "read after close");
    assertThrows(IllegalStateException.class, () -> d.readSnapshot(DriverContractSupport::count),
        "readSnapshot after close");
    assertThrows(IllegalStateException.class, () -> put(d, "b", 2), "write after close");
  }

  @DriverContractTest
  void close_fromInsideItsOwnWork_isRefused_andTheWorkCompletes(SqliteDriver d) {
    withTable(d);
    d.write(s -> {
      assertThrows(IllegalStateException.class, d::close);
      s.update(INSERT, List.of("a", 1L));
      return null;
    });
    assertThrows(IllegalStateException.class, () -> d.read(s -> {
      d.close();
      return null;
    }));
    assertEquals(1, count(d), "the driver is still open and the write committed");
  }

  @DriverContractTest
  void close_waitsForRunningWork(DriverFixture f) throws Exception {
    SqliteDriver d = withTable(f.openAnother());
    CountDownLatch started = new CountDownLatch(1);
    long[] workEnded = new long[1];
    CompletableFuture<Long> running = CompletableFuture.supplyAsync(() -> d.write(s -> {
      started.countDown();
      sleep(300);
      long changed = s.update(INSERT, List.of("late", 1L));
      workEnded[0] = System.nanoTime();
      return changed;
    }));
    TransactionDriverContract.await(started);
    d.close();
    long closeReturned = System.nanoTime();
    assertEquals(1L, TransactionDriverContract.finish(running), "the running write completed normally");
    assertTrue(workEnded[0] != 0 && workEnded[0] <= closeReturned, "close() returned before the running work ended");
  }

  @DriverContractTest
  void openUseClose_leaksNoConnection(DriverFixture f) throws IOException {
    Path fds = Path.of("/proc/self/fd");
    Assumptions.assumeTrue(Files.isDirectory(fds), "open file descriptors are not visible on this platform");
    cycle(f);
    long before = openDescriptors(fds);
    int cycles = 5;
    for (int i = 0; i < cycles; i++) {
      cycle(f);
    }
    long after = openDescriptors(fds);
    // Every driver opens at least one connection (a file or a socket) per cycle; slack for unrelated descriptors.
    assertTrue(after - before <= 2, String.format(Locale.ROOT,
        "%d open file descriptors before %d open/use/close cycles, %d after: connections leak", before, cycles,
        after));
  }

  private static void cycle(DriverFixture f) {
    SqliteDriver d = withTable(f.openAnother());
    put(d, "a", 1);
    assertEquals(1, count(d));
    assertEquals(1L, (long) d.<Long>readSnapshot(DriverContractSupport::count));
    d.close();
  }

  private static long openDescriptors(Path fds) throws IOException {
    try (Stream<Path> s = Files.list(fds)) {
      return s.count();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
