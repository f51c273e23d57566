package io.sqlitekit.sample.tckcertify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sqlitekit.memory.MemoryKit;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.tck.TckDoc;
import io.sqlitekit.tck.TckDocs;
import io.sqlitekit.tck.TckSchema;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The counters: direct calls, calls through a view and calls inside a transaction all count once. */
class MeteredRepoTest {
  @Test
  void countsEveryPathOnce() {
    MeteredRepo<TckDoc, String> repo = MeteredRepo.over(MemoryKit.create().repository(TckSchema.TABLE, TckDoc.class));
    repo.create(TckDocs.doc("a"));
    repo.withContext(CallContext.empty()).create(TckDocs.doc("b"));
    repo.withTransaction(tx -> tx.delete("a"));
    assertEquals(1, repo.count(Filters.all()));
    assertEquals(Map.of("count", 1L, "create", 2L, "delete", 1L, "withTransaction", 1L), repo.calls());
  }
}
