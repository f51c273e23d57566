package io.sqlitekit.plugin.cache.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.Projection;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.filter.Filters;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class KeyEncoderTest {
  private static String enc(Object o) throws KeyEncoder.Unencodable {
    return KeyEncoder.encode(o);
  }

  @Test
  void encode_textThatLooksLikeStructure_doesNotCollide() throws Exception {
    // The reference stringified keys so that crafted values could impersonate other filters.
    assertNotEquals(enc(Filters.eq("a", "x], Eq[field=b, value=y")),
        enc(Filters.and(Filters.eq("a", "x"), Filters.eq("b", "y"))));
    assertNotEquals(enc(List.of("ab")), enc(List.of("a", "b")));
    assertNotEquals(enc(Arrays.asList("a", null)), enc(List.of("a", "n")));
    assertNotEquals(enc(List.of("1:a")), enc(List.of("1", "a")));
  }

  @Test
  void encode_typesAreDistinguished() throws Exception {
    assertNotEquals(enc(1L), enc("1"));
    assertNotEquals(enc(1L), enc(1));
    assertNotEquals(enc(true), enc("t"));
    assertNotEquals(enc(Optional.empty()), enc((Object) null));
    assertNotEquals(enc(new byte[] {1}), enc(new byte[] {1, 0}));
  }

  @Test
  void encode_instantsKeepMilliseconds() throws Exception {
    // The reference turned every Date into "{}", so all dates shared one key.
    Instant t = Instant.parse("2026-01-01T00:00:00.001Z");
    assertNotEquals(enc(Filters.gt("at", t)), enc(Filters.gt("at", t.plusMillis(1))));
  }

  @Test
  void encode_equalValuesEqualKeys_setAndMapOrderIgnored() throws Exception {
    assertEquals(enc(new LinkedHashSet<>(List.of("a", "b"))), enc(new TreeSet<>(List.of("b", "a"))));
    assertEquals(enc(new HashSet<>(List.of(3L, 1L, 2L))), enc(Set.of(1L, 2L, 3L)));
    Map<String, Object> m1 = new LinkedHashMap<>();
    m1.put("a", 1L);
    m1.put("b", "x");
    Map<String, Object> m2 = new LinkedHashMap<>();
    m2.put("b", "x");
    m2.put("a", 1L);
    assertEquals(enc(m1), enc(m2));
    assertNotEquals(enc(Map.of("a", "bx")), enc(Map.of("ab", "x")));
  }

  @Test
  void encode_requestsWithDifferentPagesOrSortsDiffer() throws Exception {
    PageRequest p1 = new PageRequest(Filters.all(), Sort.unsorted(), 1, 10, Projection.all());
    PageRequest p2 = new PageRequest(Filters.all(), Sort.unsorted(), 2, 10, Projection.all());
    assertNotEquals(enc(p1), enc(p2));
    assertEquals(enc(p1), enc(new PageRequest(Filters.all(), Sort.unsorted(), 1, 10, Projection.all())));
  }

  @Test
  void encode_unknownType_isRefused() {
    assertThrows(KeyEncoder.Unencodable.class, () -> enc(new Object()));
    assertThrows(KeyEncoder.Unencodable.class, () -> enc(List.of(new StringBuilder("x"))));
  }

  @Test
  void encode_substitutesTheVeryObject_onlyThatOne_evenInsideARequest() throws Exception {
    io.sqlitekit.spi.filter.Filter liveAt1 = Filters.gt("exp", Instant.ofEpochMilli(1));
    io.sqlitekit.spi.filter.Filter liveAt2 = Filters.gt("exp", Instant.ofEpochMilli(2));
    Map<Object, String> at1 = new java.util.IdentityHashMap<>(Map.of(liveAt1, "ttl:exp"));
    Map<Object, String> at2 = new java.util.IdentityHashMap<>(Map.of(liveAt2, "ttl:exp"));
    // Built at different instants, keyed by the rule: one key.
    assertEquals(KeyEncoder.encode(PageRequest.of(1, 5).withFilter(Filters.and(Filters.eq("u", 1L), liveAt1)), at1),
        KeyEncoder.encode(PageRequest.of(1, 5).withFilter(Filters.and(Filters.eq("u", 1L), liveAt2)), at2));
    // An equal object that is not the declared one keeps its instant (identity, not equality).
    io.sqlitekit.spi.filter.Filter copy = Filters.gt("exp", Instant.ofEpochMilli(1));
    assertEquals(enc(copy), KeyEncoder.encode(copy, at1));
    // The stand-in is tagged: it never collides with a user value spelling the same text.
    assertNotEquals(KeyEncoder.encode(liveAt1, at1), enc("ttl:exp"));
  }
}
