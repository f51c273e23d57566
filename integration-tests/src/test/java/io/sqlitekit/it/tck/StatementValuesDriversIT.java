package io.sqlitekit.it.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.it.d1.LocalD1;
import io.sqlitekit.spi.driver.StatementEvent;
import io.sqlitekit.spi.driver.StatementListener;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The network drivers report bound values only to a listener that asks for them, like the xerial driver: a
 * repository insert on a dqlite cluster and on local D1.
 */
class StatementValuesDriversIT {
  private static final TableDef NOTES = TableDef.of("value_notes", Column.text("id").primaryKey(),
      Column.text("body"));

  /** Records events; asks for values when told to. */
  private static final class Recording implements StatementListener {
    final boolean values;
    final List<StatementEvent> events = new CopyOnWriteArrayList<>();

    Recording(boolean values) {
      this.values = values;
    }

    @Override
    public void onStatement(StatementEvent event) {
      events.add(event);
    }

    @Override
    public boolean wantsValues() {
      return values;
    }

    List<List<?>> insertValues() {
      List<List<?>> out = new ArrayList<>();
      events.stream().filter(e -> e.sql().startsWith("INSERT INTO \"value_notes\"")).forEach(e -> out.addAll(e.values()));
      return out;
    }
  }

  private static void insertOne(String url, Recording listener, String id) {
    try (SqliteKit kit = SqliteKit.builder().url(url).statementListener(listener).build()) {
      kit.createTableIfNotExists(NOTES);
      Map<String, Object> doc = new LinkedHashMap<>(); // insertion order is the INSERT's column order
      doc.put("id", id);
      doc.put("body", "private text");
      kit.documents(NOTES).create(doc);
    }
  }

  private static void check(String url) {
    String id = UUID.randomUUID().toString();
    Recording asking = new Recording(true);
    insertOne(url, asking, id);
    assertEquals(List.of(List.of(id, "private text")), asking.insertValues(), asking.events.toString());
    Recording plain = new Recording(false);
    insertOne(url, plain, UUID.randomUUID().toString());
    assertTrue(plain.events.stream().anyMatch(e -> e.sql().startsWith("INSERT")), plain.events.toString());
    plain.events.forEach(e -> assertEquals(List.of(), e.values(), e.toString()));
  }

  @Test
  void dqlite_valuesOnlyWhenAsked() {
    check(DqliteHarnessBase.cluster().url("values-" + UUID.randomUUID().toString().substring(0, 8)));
  }

  @Test
  void d1_valuesOnlyWhenAsked() {
    check(LocalD1.url());
  }
}
