package io.sqlitekit.plugin.telemetry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sqlitekit.spi.plugin.Operation;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DbAttributesTest {
  @Test
  void methodNames() {
    assertEquals("getById", DbAttributes.methodName(Operation.GET_BY_ID));
    assertEquals("create", DbAttributes.methodName(Operation.CREATE));
    assertEquals("findOneAndUpdate", DbAttributes.methodName(Operation.FIND_ONE_AND_UPDATE));
  }

  @Test
  void verbs() {
    assertEquals("SELECT", DbAttributes.verb(Operation.COUNT, false));
    assertEquals("INSERT", DbAttributes.verb(Operation.UPSERT, false));
    assertEquals("UPDATE", DbAttributes.verb(Operation.INCREMENT, false));
    assertEquals("DELETE", DbAttributes.verb(Operation.DELETE, false));
    assertEquals("UPDATE", DbAttributes.verb(Operation.DELETE, true));
    assertEquals("BATCH", DbAttributes.verb(Operation.BATCH, false));
  }

  @Test
  void namespaceIsTheFileName() {
    assertEquals(Optional.of("app.db"), DbAttributes.namespaceOf("jdbc:sqlite:/var/data/app.db"));
    assertEquals(Optional.of("app.db"), DbAttributes.namespaceOf("jdbc:sqlite:file:/var/data/app.db?cache=shared"));
    assertEquals(Optional.of("app.db"), DbAttributes.namespaceOf("jdbc:sqlite:C:\\data\\app.db"));
    assertEquals(Optional.empty(), DbAttributes.namespaceOf("jdbc:sqlite::memory:"));
    assertEquals(Optional.empty(), DbAttributes.namespaceOf("jdbc:sqlite:file:x?mode=memory"));
  }
}
