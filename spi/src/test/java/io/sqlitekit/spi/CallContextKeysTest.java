package io.sqlitekit.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Keys declared outside the SPI: one key per name in a context, lookup by name for readers that cannot see a
 * key's constant, and the "scopes reads" mark that read caches key on.
 */
class CallContextKeysTest {
  private static final ContextKey<Object> TENANT = ContextKey.scopingReads("tenantId", Object.class);
  private static final ContextKey<Boolean> HARD = ContextKey.of("hardDelete", Boolean.class);

  @Test
  void scopingReads_isAPropertyOfTheDeclaration() {
    assertTrue(TENANT.scopesReads());
    assertFalse(HARD.scopesReads());
    assertFalse(CallContext.ACTOR_ID.scopesReads(), "who calls does not change what a read returns");
    assertEquals("tenantId", TENANT.name());
    assertEquals(Object.class, TENANT.type());
  }

  @Test
  void getByName_findsAKeyDeclaredElsewhere() {
    CallContext c = CallContext.of(TENANT, "acme").with(CallContext.ACTOR_ID, 42L);
    assertEquals(Optional.of("acme"), c.getByName("tenantId"));
    assertEquals(Optional.of(42L), c.getByName("actorId"));
    assertEquals(Optional.empty(), c.getByName("hardDelete"));
    assertEquals(Optional.empty(), CallContext.empty().getByName("tenantId"));
    assertThrows(NullPointerException.class, () -> c.getByName(null));
  }

  @Test
  void keys_areTheSetKeys_unmodifiable() {
    CallContext c = CallContext.of(TENANT, "acme").with(HARD, true);
    assertEquals(Set.of(TENANT, HARD), c.keys());
    assertEquals(Set.of(HARD), c.without(TENANT).keys());
    assertTrue(CallContext.empty().keys().isEmpty());
    assertThrows(UnsupportedOperationException.class, () -> c.keys().remove(TENANT));
  }

  @Test
  void aSecondKeyWithATakenName_isRefused_byWithAndByMerge() {
    ContextKey<String> impostor = ContextKey.of("tenantId", String.class);
    CallContext a = CallContext.of(TENANT, "acme");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.with(impostor, "evil"));
    assertTrue(e.getMessage().contains("\"tenantId\""), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> a.merge(CallContext.of(impostor, "evil")));
    assertThrows(IllegalArgumentException.class, () -> CallContext.of(impostor, "evil").merge(a));
    assertEquals(Optional.of("other"), a.with(TENANT, "other").get(TENANT), "the same key replaces its value");
    assertEquals(Optional.of("other"), a.merge(CallContext.of(TENANT, "other")).get(TENANT));
    assertEquals(Optional.of("x"), a.without(TENANT).with(impostor, "x").getByName("tenantId"),
        "the name is free again once its key is removed");
  }
}
