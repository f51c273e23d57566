package io.sqlitekit.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.error.QueryParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SortAndRequestsTest {
  /** Keys a plugin would declare; the SPI itself declares only the actor. */
  private static final ContextKey<Object> TENANT = ContextKey.of("tenant", Object.class);
  private static final ContextKey<Boolean> FLAG = ContextKey.of("flag", Boolean.class);

  @Test
  void sortParsing() {
    assertEquals(List.of(SortField.asc("role"), SortField.desc("id")), Sort.parse(" +role , -id ,").fields());
    assertEquals("-createdAt,name", Sort.parse("-createdAt,name").toString());
    assertThrows(IllegalArgumentException.class, () -> Sort.parse("a,-a"));
    assertThrows(IllegalArgumentException.class, () -> Sort.parse("-"));
    assertTrue(Sort.parse("").isEmpty());
    Sort s = Sort.parse("-a");
    assertSame(s, s.thenBy(SortField.asc("a")), "an existing field is not appended twice");
    assertEquals("-a,id", s.thenBy(SortField.asc("id")).toString());
  }

  @Test
  void totalSortFollowsTheLastKeysDirection() {
    assertEquals("id", Sort.unsorted().total("id").toString());
    assertEquals("-createdAt,-id", Sort.parse("-createdAt").total("id").toString());
    assertEquals("-createdAt,name,id", Sort.parse("-createdAt,name").total("id").toString());
    assertEquals("id,-a", Sort.parse("id,-a").total("id").toString(), "an existing key is kept where it is");
  }

  @Test
  void offsetPageDerivesEnvelope() {
    OffsetPage<String> p = OffsetPage.of(List.of("a", "b", "c"), 1, 3, 7);
    assertEquals(3, p.pages());
    assertTrue(p.hasNext());
    assertFalse(p.hasPrev());
    OffsetPage<String> past = OffsetPage.of(List.of(), 5, 2, 3);
    assertEquals(2, past.pages());
    assertFalse(past.hasNext());
    assertTrue(past.hasPrev());
    assertEquals(0, OffsetPage.of(List.of(), 1, 20, 0).pages());
  }

  @Test
  void badPageOrLimitIsAQueryParseError() {
    QueryParseException e = assertThrows(QueryParseException.class, () -> PageRequest.of(0, 10));
    assertEquals("page", e.parameter());
    assertEquals("limit", assertThrows(QueryParseException.class, () -> PageRequest.of(1, 0)).parameter());
    assertThrows(QueryParseException.class, () -> KeysetRequest.first(Sort.unsorted(), -1));
  }

  @Test
  void keysetPageCursorConsistency() {
    assertThrows(IllegalArgumentException.class, () -> new KeysetPage<>(List.of(), 10, null, true));
    assertTrue(new KeysetPage<>(List.of("x"), 1, "c", true).next().isPresent());
  }

  @Test
  void callContextMergesAndBindsToTheThread() {
    CallContext a = CallContext.of(TENANT, "A");
    CallContext b = CallContext.of(CallContext.ACTOR_ID, "u1").with(TENANT, "B");
    assertEquals("B", a.merge(b).get(TENANT).orElseThrow());
    assertTrue(CallContext.current().isEmpty());
    String seen = CallContext.call(a, () -> CallContext.call(CallContext.of(CallContext.ACTOR_ID, "u2"),
        () -> CallContext.current().get(TENANT).orElseThrow() + "/"
            + CallContext.current().get(CallContext.ACTOR_ID).orElseThrow()));
    assertEquals("A/u2", seen);
    assertTrue(CallContext.current().isEmpty(), "binding restored");
    assertThrows(ClassCastException.class, () -> CallContext.empty().with(
        (ContextKey<Boolean>) (ContextKey<?>) FLAG, uncheckedString()));
  }

  @SuppressWarnings("unchecked")
  private static <T> T uncheckedString() {
    return (T) "not a boolean";
  }
}
