package io.sqlitekit.json.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.core.SqliteRepository;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.support.json.MiniJson;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kit finds the Jackson codec by ServiceLoader and stores what the built-in codec would store. */
class JacksonKitIT {
  /** A JSON column value bound to a record: only a databinding codec can read it back typed. */
  public record Address(String city, int zip, List<String> lines) {
  }

  private static final TableDef PEOPLE = TableDef.of("people", Column.text("id").primaryKey(),
      Column.json("address", Address.class), Column.json("meta", Object.class));

  @Test
  void kitUsesJackson_andStoresTheBuiltInText(@TempDir Path dir) throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("j.db");
    Address home = new Address("Zürich", 8001, List.of("Bahnhofstrasse 1", "😀"));
    Map<String, Object> meta = Map.of("score", 2.5, "tags", List.of("a"));
    try (SqliteKit kit = SqliteKit.builder().url(url).build()) {
      assertInstanceOf(JacksonJsonCodec.class, kit.jsonCodec(), "found by ServiceLoader, no configuration");
      kit.createTableIfNotExists(PEOPLE);
      SqliteRepository<Map<String, Object>, Object> people = kit.documents(PEOPLE);
      people.create(Map.of("id", "p1", "address", home, "meta", meta));
      Map<String, Object> back = people.getById("p1").orElseThrow();
      assertEquals(home, back.get("address"));
      assertEquals(Map.of("score", 2.5, "tags", List.of("a")), back.get("meta"));
    }
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT address, meta FROM people")) {
      rs.next();
      assertEquals(MiniJson.INSTANCE.write(home), rs.getString(1));
      assertEquals("{\"city\":\"Zürich\",\"zip\":8001,\"lines\":[\"Bahnhofstrasse 1\",\"😀\"]}", rs.getString(1));
      assertEquals(2.5, ((Map<?, ?>) MiniJson.INSTANCE.read(rs.getString(2), Object.class)).get("score"));
    }
  }
}
