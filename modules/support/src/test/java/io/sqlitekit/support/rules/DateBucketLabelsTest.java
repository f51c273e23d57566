package io.sqlitekit.support.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sqlitekit.spi.DateBucket;
import io.sqlitekit.spi.DateBucket.Unit;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DateBucketLabelsTest {
  private static String label(DateBucket b, Object v) {
    return DateBucketLabels.label(b, v, false);
  }

  @Test
  void storedForms_sameLabel() {
    DateBucket minute = DateBucket.of("t", Unit.MINUTE);
    long ms = Instant.parse("2026-03-08T10:15:30.250Z").toEpochMilli();
    assertEquals("2026-03-08T10:15", label(minute, ms));
    assertEquals("2026-03-08T10:15", label(minute, (double) ms));
    assertEquals("2026-03-08T10:15", label(minute, "2026-03-08T10:15:30.250Z"));
    assertEquals("2026-03-08T10:15", label(minute, "2026-03-08 10:15:30"));
    assertEquals("2026-03-08T10:15", label(minute, "2026-03-08T12:15:30+02:00"));
    assertEquals("2026-03-08T10:15", DateBucketLabels.label(minute, ms / 1000, true), "epoch seconds");
    assertEquals("2026-03-08T00:00", label(minute, "2026-03-08"), "a date alone is midnight UTC");
  }

  @Test
  void notATimestamp_isNull() {
    DateBucket day = DateBucket.of("t", Unit.DAY);
    assertNull(label(day, null));
    assertNull(label(day, "tomorrow"));
    assertNull(label(day, "2026-02-30"));
    assertNull(label(day, new byte[] {1}));
    assertNull(label(day, Long.MAX_VALUE), "beyond year 9999");
  }

  @Test
  void negativeEpochMillis_floorTowardsThePast() {
    assertEquals("1969-12-31T23:59", label(DateBucket.of("t", Unit.MINUTE), -1L));
    assertEquals("1969-12-31", label(DateBucket.of("t", Unit.DAY), -1L));
  }

  @Test
  void isoWeeks_atYearBoundaries() {
    DateBucket week = DateBucket.of("t", Unit.WEEK);
    assertEquals("2026-W01", label(week, "2025-12-29T00:00:00Z"));
    assertEquals("2026-W53", label(week, "2027-01-03T23:59:59Z"));
    assertEquals("2020-W53", label(week, "2021-01-01T00:00:00Z"));
    assertEquals("1970-W01", label(week, 0L));
  }

  @Test
  void fallBack_repeatedHourSharesItsLabel_daysFollowTheZone() {
    DateBucket hour = DateBucket.of("t", Unit.HOUR).inZone("America/New_York");
    // 2026-11-01: 01:30 EDT is 05:30Z, 01:30 EST is 06:30Z.
    assertEquals("2026-11-01T01:00", label(hour, "2026-11-01T05:30:00Z"));
    assertEquals("2026-11-01T01:00", label(hour, "2026-11-01T06:30:00Z"));
    DateBucket day = DateBucket.of("t", Unit.DAY).inZone("Asia/Tokyo");
    assertEquals("2026-03-09", label(day, "2026-03-08T15:00:00Z"));
  }

  @Test
  void customBins_epochAnchored() {
    assertEquals("2026-03-08T10:15", label(DateBucket.every("t", 15, Unit.MINUTE), "2026-03-08T10:29:59Z"));
    assertEquals("1970-01", label(DateBucket.every("t", 12, Unit.MONTH), "1970-12-31T00:00:00Z"));
    assertEquals("1969-01", label(DateBucket.every("t", 12, Unit.MONTH), "1969-06-01T00:00:00Z"));
    assertEquals("1970-W01", label(DateBucket.every("t", 2, Unit.WEEK), "1970-01-10T00:00:00Z"));
  }
}
