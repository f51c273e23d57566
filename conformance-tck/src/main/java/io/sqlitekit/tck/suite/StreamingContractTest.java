package io.sqlitekit.tck.suite;

import static io.sqlitekit.spi.filter.Filters.eq;
import static io.sqlitekit.tck.TckDocs.doc;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sqlitekit.spi.Capability;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.StreamOptions;
import io.sqlitekit.tck.ContractTest;
import io.sqlitekit.tck.Requires;
import io.sqlitekit.tck.TckDoc;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Streaming in keyset batches (reference scenarios 81–82) on both sides of STREAMING. */
class StreamingContractTest extends ContractSupport {

  /** Eight rows, seven in category "s". */
  private static void seedStream(StandardRepo<TckDoc, String> repo) {
    for (int i = 1; i <= 7; i++) {
      seed(repo, doc("s" + i, "s", (long) (i % 3)));
    }
    seed(repo, doc("other", "t", 0L));
  }

  @ContractTest
  @Requires(Capability.STREAMING)
  void scenario81_batchesYieldEachMatchOnce(StandardRepo<TckDoc, String> repo) {
    seedStream(repo);
    List<String> seen;
    try (Stream<TckDoc> s = repo.stream(eq("category", "s"), StreamOptions.defaults().withBatchSize(3))) {
      seen = s.map(TckDoc::id).collect(Collectors.toList());
    }
    assertEquals(List.of("s1", "s2", "s3", "s4", "s5", "s6", "s7"), seen, "key order, each row once");
  }

  @ContractTest
  @Requires(Capability.STREAMING)
  void sortedStream_duplicatesAcrossBatches(StandardRepo<TckDoc, String> repo) {
    seedStream(repo);
    List<String> seen;
    try (Stream<TckDoc> s = repo.stream(eq("category", "s"),
        StreamOptions.defaults().withSort(Sort.parse("count")).withBatchSize(2))) {
      seen = s.map(TckDoc::id).collect(Collectors.toList());
    }
    assertEquals(7, seen.size());
    assertEquals(7, new HashSet<>(seen).size());
    assertEquals(List.of("s3", "s6", "s1", "s4", "s7", "s2", "s5"), seen);
  }

  @ContractTest
  @Requires(Capability.STREAMING)
  void scenario82_earlyClose_repositoryStillUsable(StandardRepo<TckDoc, String> repo) {
    seedStream(repo);
    List<TckDoc> taken;
    try (Stream<TckDoc> s = repo.stream(eq("category", "s"), StreamOptions.defaults().withBatchSize(2))) {
      taken = s.limit(2).collect(Collectors.toList());
    }
    assertEquals(2, taken.size());
    repo.create(doc("after"));
    assertEquals(9, snapshot(repo).size());
  }

  @ContractTest
  @Requires(absent = Capability.STREAMING)
  void streaming_absent_refused(StandardRepo<TckDoc, String> repo) {
    seedStream(repo);
    expectUnsupported(repo, () -> {
      try (Stream<TckDoc> s = repo.stream(eq("category", "s"), StreamOptions.defaults())) {
        s.count();
      }
    });
  }
}
