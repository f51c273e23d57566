package io.sqlitekit.core;

import static io.sqlitekit.core.Fixtures.DOCS;
import static io.sqlitekit.core.Fixtures.USERS;
import static io.sqlitekit.spi.filter.Filters.all;
import static io.sqlitekit.spi.filter.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.Fixtures.User;
import io.sqlitekit.spi.FindOneAndUpdateOptions;
import io.sqlitekit.spi.ReturnDocument;
import io.sqlitekit.spi.WriteOptions;
import io.sqlitekit.spi.error.ErrorCode;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.error.VersionConflictException;
import io.sqlitekit.spi.update.Update;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionConflictIT {
  @TempDir
  Path dir;

  private final ExecutorService pool = Executors.newFixedThreadPool(4);

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdownNow();
    assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
  }

  private static long version(Map<String, Object> doc) {
    return (Long) doc.get("version");
  }

  @Test
  void updateIfVersionAppliesOnceAndReportsStaleVersions() {
    try (SqliteKit kit = Fixtures.open(dir)) {
      SqliteRepository<Map<String, Object>, Object> d = kit.documents(DOCS);
      Object id = d.create(Map.of("title", "t", "n", 0L)).get("id");
      Map<String, Object> v2 = d.update(id, Update.set("title", "t2"), WriteOptions.ifVersion(1)).orElseThrow();
      assertEquals(2L, version(v2), "success bumps the version");
      assertEquals("t2", v2.get("title"));
      VersionConflictException e = assertThrows(VersionConflictException.class,
          () -> d.update(id, Update.set("title", "stale"), WriteOptions.ifVersion(1)));
      assertEquals(1L, e.expectedVersion());
      assertEquals(2L, e.actualVersion());
      assertEquals(String.valueOf(id), e.id());
      assertEquals(ErrorCode.VERSION_CONFLICT, e.code());
      assertEquals("t2", d.getById(id).orElseThrow().get("title"), "a stale write changes nothing");
      assertEquals(2L, version(d.getById(id).orElseThrow()));
      assertEquals(Optional.empty(), d.update(12345L, Update.set("title", "x"), WriteOptions.ifVersion(1)),
          "a missing row stays a miss");
      assertEquals(3L, version(d.update(id, Update.inc("n", 1)).orElseThrow()), "unconditional writes bump too");
      assertEquals(4L, version(d.update(id, Update.set("n", 7L), WriteOptions.ifVersion(3)).orElseThrow()));
    }
  }

  @Test
  void ifVersionOnATableWithoutVersionFieldIsRejected() {
    try (SqliteKit kit = Fixtures.open(dir)) {
      SqliteRepository<User, String> u = kit.repository(USERS, User.class);
      u.create(User.of("a", "a@x"));
      ValidationException e = assertThrows(ValidationException.class,
          () -> u.update("a", Update.set("name", "x"), WriteOptions.ifVersion(1)));
      assertTrue(e.getMessage().contains("users"), e.getMessage());
      assertEquals(null, u.getById("a").orElseThrow().name());
    }
  }

  @Test
  void findOneAndUpdateIfVersion() {
    try (SqliteKit kit = Fixtures.open(dir)) {
      SqliteRepository<Map<String, Object>, Object> d = kit.documents(DOCS);
      Object id = d.create(Map.of("title", "t", "n", 0L)).get("id");
      FindOneAndUpdateOptions o = FindOneAndUpdateOptions.defaults();
      Map<String, Object> after = d.findOneAndUpdate(eq("title", "t"), Update.inc("n", 1), o.ifVersion(1))
          .orElseThrow();
      assertEquals(2L, version(after));
      assertEquals(1L, after.get("n"));
      VersionConflictException e = assertThrows(VersionConflictException.class,
          () -> d.findOneAndUpdate(eq("title", "t"), Update.inc("n", 1), o.ifVersion(1)));
      assertEquals(1L, e.expectedVersion());
      assertEquals(2L, e.actualVersion());
      assertEquals(1L, d.getById(id).orElseThrow().get("n"));
      assertEquals(Optional.empty(), d.findOneAndUpdate(eq("title", "nope"), Update.inc("n", 1), o.ifVersion(1)));
      Map<String, Object> before = d.findOneAndUpdate(eq("title", "t"), Update.inc("n", 1),
          o.ifVersion(2).returning(ReturnDocument.BEFORE)).orElseThrow();
      assertEquals(2L, version(before));
      assertEquals(3L, version(d.getById(id).orElseThrow()));
    }
  }

  @Test
  void aVersionConflictInsideATransactionRollsItBack() {
    try (SqliteKit kit = Fixtures.open(dir)) {
      SqliteRepository<Map<String, Object>, Object> d = kit.documents(DOCS);
      Object id = d.create(Map.of("title", "t")).get("id");
      d.update(id, Update.set("title", "t2"));
      assertThrows(VersionConflictException.class, () -> d.withTransaction(tx -> {
        tx.create(Map.of("title", "other"));
        return tx.update(id, Update.set("title", "stale"), WriteOptions.ifVersion(1));
      }));
      assertEquals(1, d.count(all()));
      assertEquals(2L, version(d.getById(id).orElseThrow()));
    }
  }

  @Test
  void racingWritersWithTheSameVersionExactlyOneWins() throws Exception {
    try (SqliteKit kit = Fixtures.open(dir)) {
      SqliteRepository<Map<String, Object>, Object> d = kit.documents(DOCS);
      Object id = d.create(Map.of("title", "t", "n", 0L)).get("id");
      int threads = 4;
      int rounds = 60;
      CyclicBarrier barrier = new CyclicBarrier(threads);
      List<Future<int[]>> fs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        boolean viaFindOne = t % 2 == 1;
        fs.add(pool.submit(() -> {
          int wins = 0;
          int conflicts = 0;
          for (int r = 0; r < rounds; r++) {
            long v = version(d.getById(id).orElseThrow());
            barrier.await(30, TimeUnit.SECONDS);
            try {
              if (viaFindOne) {
                d.findOneAndUpdate(eq("title", "t"), Update.inc("n", 1),
                    FindOneAndUpdateOptions.defaults().ifVersion(v)).orElseThrow();
              } else {
                d.update(id, Update.inc("n", 1), WriteOptions.ifVersion(v)).orElseThrow();
              }
              wins++;
            } catch (VersionConflictException e) {
              assertEquals(v, e.expectedVersion());
              assertTrue(e.actualVersion() > v);
              conflicts++;
            }
            // Everyone finished this round before anyone reads the next version.
            barrier.await(30, TimeUnit.SECONDS);
          }
          return new int[] {wins, conflicts};
        }));
      }
      int wins = 0;
      int conflicts = 0;
      for (Future<int[]> f : fs) {
        int[] r = f.get(60, TimeUnit.SECONDS);
        wins += r[0];
        conflicts += r[1];
      }
      assertEquals(rounds, wins, "exactly one writer wins each round");
      assertEquals(rounds * (threads - 1), conflicts);
      Map<String, Object> end = d.getById(id).orElseThrow();
      assertEquals((long) rounds, end.get("n"), "every win applied once");
      assertEquals(1L + rounds, version(end));
    }
  }
}
