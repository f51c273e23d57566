package io.sqlitekit.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The capability set: full and none, implication closure both ways, immutability and value equality. */
class CapabilitiesTest {

  @Test
  void full_isEveryOperation_butNotManagedRetry() {
    Capabilities full = Capabilities.full();
    for (Capability c : Capability.values()) {
      assertEquals(c != Capability.MANAGED_RETRY, full.supports(c), c.name());
    }
    assertEquals(Capability.values().length - 1, full.supported().size());
    assertTrue(full.with(Capability.MANAGED_RETRY).supports(Capability.MANAGED_RETRY));
    assertEquals(Set.of(), Capabilities.none().supported());
    assertEquals(Capabilities.none(), Capabilities.of());
  }

  @Test
  void readOnly_keepsEveryReadCapability_andNoWrite() {
    Capabilities ro = Capabilities.full().with(Capability.MANAGED_RETRY).readOnly();
    for (Capability c : Capability.values()) {
      assertEquals(!c.writes(), ro.supports(c), c.name());
    }
    assertTrue(Capability.TRANSACTIONS.writes() && Capability.BULK_WRITE.writes() && !Capability.LOOKUPS.writes());
    assertEquals(Capabilities.of(Capability.AGGREGATE), Capabilities.of(Capability.AGGREGATE, Capability.UPSERT,
        Capability.NESTED_TRANSACTIONS).readOnly());
  }

  @Test
  void of_addsWhatAMemberImplies() {
    assertEquals(EnumSet.of(Capability.TRANSACTIONS, Capability.NESTED_TRANSACTIONS),
        Capabilities.of(Capability.NESTED_TRANSACTIONS).supported());
    assertEquals(Capabilities.of(Capability.TRANSACTIONS, Capability.NESTED_TRANSACTIONS),
        Capabilities.of(List.of(Capability.NESTED_TRANSACTIONS)));
    assertEquals(Capabilities.of(Capability.TRANSACTIONS, Capability.NESTED_TRANSACTIONS),
        Capabilities.none().with(Capability.NESTED_TRANSACTIONS));
    assertEquals(Capabilities.of(Capability.TRANSACTIONS, Capability.NESTED_TRANSACTIONS),
        new Capabilities(Set.of(Capability.NESTED_TRANSACTIONS)), "the canonical constructor closes the set too");
    for (Capability c : Capability.values()) {
      assertTrue(Capabilities.of(c).supported().containsAll(c.implies()), c.name());
      assertFalse(c.implies().contains(c), c.name() + " does not imply itself");
    }
  }

  @Test
  void without_removesWhatDependsOnTheRemoved() {
    Capabilities noTx = Capabilities.full().without(Capability.TRANSACTIONS);
    assertFalse(noTx.supports(Capability.TRANSACTIONS));
    assertFalse(noTx.supports(Capability.NESTED_TRANSACTIONS), "a savepoint needs a transaction");
    assertTrue(noTx.supports(Capability.UPSERT));
    Capabilities noNested = Capabilities.full().without(Capability.NESTED_TRANSACTIONS);
    assertTrue(noNested.supports(Capability.TRANSACTIONS), "removing the dependent keeps what it implies");
    assertFalse(noNested.supports(Capability.NESTED_TRANSACTIONS));
    assertEquals(EnumSet.of(Capability.RAW_FILTER),
        Capabilities.full().missingFrom(Capabilities.full().without(Capability.RAW_FILTER)));
    assertEquals(Set.of(), Capabilities.none().missingFrom(Capabilities.full()));
    assertEquals(Capabilities.none(), Capabilities.none().without(Capability.BATCH), "removing the absent is a no-op");
  }

  @Test
  void isImmutable_andAValue() {
    Set<Capability> source = new HashSet<>(List.of(Capability.UPSERT, Capability.BATCH));
    Capabilities c = Capabilities.of(source);
    source.add(Capability.DISTINCT);
    assertFalse(c.supports(Capability.DISTINCT), "later changes to the source do not leak in");
    assertThrows(UnsupportedOperationException.class, () -> c.supported().add(Capability.DISTINCT));
    Capabilities withDistinct = c.with(Capability.DISTINCT);
    assertFalse(c.supports(Capability.DISTINCT), "with() returns a new set");
    assertTrue(withDistinct.supports(Capability.DISTINCT));
    assertEquals(Capabilities.of(Capability.BATCH, Capability.UPSERT), c);
    assertEquals(Capabilities.of(Capability.BATCH, Capability.UPSERT).hashCode(), c.hashCode());
    assertNotEquals(Capabilities.of(Capability.BATCH), c);
    assertEquals(List.of(Capability.UPSERT, Capability.BATCH), new ArrayList<>(c.supported()),
        "iteration follows declaration order, so reports and messages are stable");
  }

  @Test
  void nulls_areRefused() {
    assertThrows(NullPointerException.class, () -> Capabilities.of((Capability) null));
    assertThrows(NullPointerException.class, () -> Capabilities.of(Arrays.asList(Capability.UPSERT, null)));
    assertThrows(NullPointerException.class, () -> new Capabilities(null));
    assertThrows(NullPointerException.class, () -> Capabilities.full().supports(null));
    assertThrows(NullPointerException.class, () -> Capabilities.full().without((Capability) null));
  }
}
