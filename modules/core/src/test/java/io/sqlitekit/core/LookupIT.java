package io.sqlitekit.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sqlitekit.spi.Capability;
import io.sqlitekit.spi.KeysetRequest;
import io.sqlitekit.spi.Lookup;
import io.sqlitekit.spi.LookupRow;
import io.sqlitekit.spi.OffsetPage;
import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lookups on the SQLite kit across two tables: every column mode of the foreign table decoded by its codec (the
 * reference library returns 1/0 and JSON text), a foreign table unknown until it is created, and the number of
 * statements a page costs (the page, its count, one per lookup; none for a lookup with no local values).
 */
class LookupIT {
  public record Owner(String id, String name) {
  }

  static final TableDef OWNERS = TableDef.of("owners", Column.text("id").primaryKey(), Column.text("name"));
  static final TableDef ITEMS = TableDef.of("items", Column.text("id").primaryKey(), Column.text("ownerId"),
      Column.bool("flag"), Column.timestampMillis("at"), Column.json("meta", Object.class), Column.blob("bytes"),
      Column.real("price"));
  private static final Instant AT = Instant.parse("2026-04-01T12:34:56.789Z");

  @TempDir
  Path dir;

  @Test
  void foreignRows_areDecodedByTheForeignCodecs() {
    try (SqliteKit kit = Fixtures.builder(dir).build()) {
      kit.createTable(OWNERS);
      kit.createTable(ITEMS);
      SqliteRepository<Owner, String> owners = kit.repository(OWNERS, Owner.class);
      assertEquals(true, owners.capabilities().supports(Capability.LOOKUPS));
      owners.createMany(List.of(new Owner("o1", "one"), new Owner("o2", "two")));
      kit.documents(ITEMS).createMany(List.of(
          Map.of("id", "i1", "ownerId", "o1", "flag", true, "at", AT, "meta", Map.of("k", List.of(1L, "x")),
              "bytes", new byte[] {1, 2}, "price", 2.5),
          Map.of("id", "i2", "ownerId", "o1", "flag", false, "at", AT.plusSeconds(1), "meta", List.of())));
      OffsetPage<LookupRow<Owner>> page = owners.lookupPage(PageRequest.first().withSort(Sort.parse("id")),
          List.of(Lookup.many("items", ITEMS, "id", "ownerId"), Lookup.one("first", ITEMS, "id", "ownerId")));
      assertEquals(2, page.total());
      List<Map<String, Object>> items = page.items().get(0).many("items");
      assertEquals(Boolean.TRUE, items.get(0).get("flag"));
      assertEquals(Boolean.FALSE, items.get(1).get("flag"));
      assertEquals(AT, items.get(0).get("at"));
      assertEquals(Map.of("k", List.of(1L, "x")), items.get(0).get("meta"), "JSON decoded, not text");
      assertEquals(List.of(), items.get(1).get("meta"));
      assertArrayEquals(new byte[] {1, 2}, (byte[]) items.get(0).get("bytes"));
      assertEquals(2.5, items.get(0).get("price"));
      assertEquals("i1", page.items().get(0).one("first").get("id"));
      assertEquals(List.of(), page.items().get(1).many("items"));
      assertNull(page.items().get(1).one("first"));
    }
  }

  @Test
  void unknownForeignTable_isRefused_untilCreated() {
    try (SqliteKit kit = Fixtures.builder(dir).build()) {
      kit.createTable(OWNERS);
      SqliteRepository<Owner, String> owners = kit.repository(OWNERS, Owner.class);
      owners.create(new Owner("o1", "one"));
      List<Lookup> lookups = List.of(Lookup.many("items", ITEMS, "id", "ownerId"));
      ValidationException e = assertThrows(ValidationException.class,
          () -> owners.lookupKeyset(KeysetRequest.first(Sort.parse("id"), 5), lookups));
      assertEquals("lookups[0].from", e.field());
      kit.createTable(ITEMS);
      assertEquals(List.of(), owners.lookupKeyset(KeysetRequest.first(Sort.parse("id"), 5), lookups).items()
          .get(0).many("items"));
    }
  }

  @Test
  void aPageCosts_page_count_andOneReadPerLookup() {
    List<String> sql = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (SqliteKit kit = Fixtures.builder(dir).statementListener(ev -> sql.add(ev.sql())).build()) {
      kit.createTable(OWNERS);
      kit.createTable(ITEMS);
      SqliteRepository<Owner, String> owners = kit.repository(OWNERS, Owner.class);
      owners.createMany(List.of(new Owner("o1", "one"), new Owner("o2", null)));
      kit.documents(ITEMS).create(Map.of("id", "i1", "ownerId", "o2"));
      List<Lookup> lookups = List.of(Lookup.many("items", ITEMS, "id", "ownerId"),
          Lookup.one("byName", OWNERS, "name", "name"));
      owners.lookupPage(PageRequest.first(), lookups); // resolves the foreign table once
      sql.clear();
      OffsetPage<LookupRow<Owner>> page = owners.lookupPage(PageRequest.first().withSort(Sort.parse("id")), lookups);
      assertEquals("i1", page.items().get(1).many("items").get(0).get("id"));
      assertEquals("o1", page.items().get(0).one("byName").get("id"));
      assertNull(page.items().get(1).one("byName"), "a NULL local value matches nothing");
      long reads = sql.stream().filter(s -> s.startsWith("SELECT")).count();
      assertEquals(4, reads, "page, count, one per lookup: " + sql);
    }
  }
}
