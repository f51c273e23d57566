package io.sqlitekit.support.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.update.Update;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UpdatePipelinesTest {
  private static Update fold(Update... stages) {
    return UpdatePipelines.compose("t", List.of(stages));
  }

  @Test
  void setThenInc_addsToTheSetValue() {
    assertEquals(Update.set("n", 7L), fold(Update.set("n", 5L), Update.inc("n", 2)));
    assertEquals(Update.set("n", 7.5), fold(Update.set("n", 5L), Update.inc("n", 2.5)));
    assertEquals(Update.set("n", 2), fold(Update.set("n", null), Update.inc("n", 2)), "NULL counts as 0");
  }

  @Test
  void laterSetOrUnset_replacesEarlierStages() {
    assertEquals(Update.set("n", 3L), fold(Update.inc("n", 100), Update.set("n", 3L)));
    assertEquals(Update.unset("n"), fold(Update.set("n", 3L), Update.inc("n", 1), Update.unset("n")));
    assertEquals(Update.set("n", 4), fold(Update.unset("n"), Update.inc("n", 4)));
  }

  @Test
  void incThenInc_sumsDeltas_otherFieldsKept() {
    Update u = fold(Update.inc("n", 2).and(Update.set("a", "x")), Update.inc("n", 3), Update.unset("b"),
        Update.setOnInsert(Map.of("c", 1L)));
    assertEquals(Map.of("a", "x"), u.set());
    assertEquals(Map.of("n", 5L), u.inc());
    assertEquals(Set.of("b"), u.unset());
    assertEquals(Map.of("c", 1L), u.setOnInsert());
  }

  @Test
  void refusals_nameTheField() {
    assertEquals("stages", assertThrows(ValidationException.class, () -> UpdatePipelines.compose("t", List.of()))
        .field());
    assertEquals("name", assertThrows(ValidationException.class,
        () -> fold(Update.set("name", "x"), Update.inc("name", 1))).field());
    assertEquals("n", assertThrows(ValidationException.class,
        () -> fold(Update.inc("n", Long.MAX_VALUE), Update.inc("n", 1))).field());
  }
}
