package io.sqlitekit.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sqlitekit.spi.DateBucket.Unit;
import io.sqlitekit.spi.error.ValidationException;
import org.junit.jupiter.api.Test;

/** The bucket's own contract: its spec for the driver function, and refused shapes. Labels: support's tests. */
class DateBucketTest {
  @Test
  void spec_roundTrips_andBadInputIsRefused() {
    DateBucket b = DateBucket.every("t", 6, Unit.HOUR).inZone("Europe/Berlin");
    assertEquals(b, DateBucket.parseSpec("t", b.spec()));
    assertThrows(ValidationException.class, () -> DateBucket.parseSpec("t", "HOUR;x;UTC"));
    assertThrows(ValidationException.class, () -> DateBucket.parseSpec("t", null));
    assertThrows(ValidationException.class, () -> DateBucket.every("t", 2, Unit.YEAR));
    assertThrows(ValidationException.class, () -> DateBucket.of("t", Unit.DAY).inZone("Nowhere/City"));
  }
}
