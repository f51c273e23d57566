package io.sqlitekit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.Capabilities;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class RepoFeatureTest {

  @Test
  void full_impliesEverySimpleFeature() {
    Set<RepoFeature> all = RepoFeature.FULL.implied();
    assertEquals(RepoFeature.values().length - 1, all.size());
    assertFalse(all.contains(RepoFeature.FULL));
    assertTrue(RepoFeature.FULL.isCompound());
    assertEquals(Set.of(RepoFeature.UPSERT), RepoFeature.UPSERT.implied());
  }

  @Test
  void capabilities_roundTrip() {
    assertEquals(RepoFeature.FULL.implied(), RepoFeature.fromCapabilities(Capabilities.full()));
    assertEquals(Capabilities.full(), RepoFeature.toCapabilities(List.of(RepoFeature.FULL), false));
    for (RepoFeature f : RepoFeature.FULL.implied()) {
      assertEquals(Set.of(f), RepoFeature.fromCapabilities(RepoFeature.toCapabilities(Set.of(f), true)), f.name());
    }
    assertEquals(Set.of(), RepoFeature.fromCapabilities(RepoFeature.toCapabilities(EnumSet.noneOf(RepoFeature.class),
        false)));
  }
}
