package io.sqlitekit.spi.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UpdateTest {
  @Test
  void combinesBucketsLaterWins() {
    Update u = Update.set("role", "admin").and(Update.inc("age", 10)).and(Update.unset("deletedAt"))
        .and(Update.set("role", "owner"));
    assertEquals(Map.of("role", "owner"), u.set());
    assertEquals(Map.of("age", 10), u.inc());
    assertEquals(Set.of("deletedAt"), u.unset());
    assertEquals(List.of("role", "deletedAt", "age"), List.copyOf(u.fields()));
  }

  @Test
  void fieldInTwoBucketsIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> Update.set("a", 1).and(Update.inc("a", 1)));
    assertThrows(IllegalArgumentException.class, () -> Update.unset("a").and(Update.inc("a", 1)));
  }

  @Test
  void setAllowsNullValues() {
    Update u = Update.set("notes", null);
    assertTrue(u.set().containsKey("notes"));
    assertNull(u.set().get("notes"));
    assertTrue(u.changesExistingRows());
  }

  @Test
  void withSetReplacesOtherBuckets() {
    Update u = Update.inc("n", 1).and(Update.unset("m")).withSet("n", 5).withSet("m", 2);
    assertEquals(Map.of("n", 5, "m", 2), u.set());
    assertTrue(u.inc().isEmpty());
    assertTrue(u.unset().isEmpty());
  }

  @Test
  void emptinessAndSetOnInsert() {
    assertTrue(Update.empty().isEmpty());
    Update soi = Update.setOnInsert(Map.of("id", "x"));
    assertFalse(soi.isEmpty());
    assertFalse(soi.changesExistingRows());
    assertTrue(Update.set("a", 1).without("a").isEmpty());
  }

  @Test
  void incDeltaMustNotBeNull() {
    assertThrows(NullPointerException.class, () -> Update.inc("n", null));
  }
}
