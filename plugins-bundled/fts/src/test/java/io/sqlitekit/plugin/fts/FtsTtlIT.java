package io.sqlitekit.plugin.fts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.core.SqliteRepository;
import io.sqlitekit.plugin.ttl.TtlMode;
import io.sqlitekit.plugin.ttl.TtlOptions;
import io.sqlitekit.plugin.ttl.TtlPlugin;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.testsupport.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TTL plugin scopes searches like every read: an expired row is no hit, unless asked for. */
final class FtsTtlIT {
  /** A session note with an expiry. */
  public record Note(Long id, String text, Instant expiresAt) {
  }

  static final TableDef NOTES = TableDef.of("ttl_notes", Column.integer("id").primaryKey(), Column.text("text"),
      Column.timestamp("expiresAt"));

  @TempDir
  Path dir;

  @Test
  void expiredRows_areNoHits() {
    MutableClock clock = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
    try (SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("ttl.db")).clock(clock)
        .plugin(TtlPlugin.create(TtlOptions.defaults().withMode(TtlMode.LAZY))).build()) {
      kit.createTable(NOTES);
      SqliteRepository<Note, Long> notes = kit.repository(NOTES, Note.class,
          List.of(FtsPlugin.create(FtsOptions.of("text"))));
      notes.createMany(List.of(new Note(1L, "soon gone", clock.instant().plusSeconds(60)),
          new Note(2L, "never gone", null)));
      FullTextSearch<Note> fts = FtsPlugin.search(notes);
      assertEquals(List.of(1L, 2L), ids(fts, "gone"));
      clock.advance(Duration.ofMinutes(2));
      assertEquals(List.of(2L), ids(fts, "gone"));
      assertEquals(List.of(1L, 2L), ids(FtsPlugin.search(notes.withContext(CallContext.of(TtlPlugin.INCLUDE_EXPIRED,
          true))), "gone"));
    }
  }

  private static List<Long> ids(FullTextSearch<Note> fts, String q) {
    return fts.search(q).entities().stream().map(Note::id).sorted().collect(Collectors.toList());
  }
}
