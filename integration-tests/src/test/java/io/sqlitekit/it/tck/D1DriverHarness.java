package io.sqlitekit.it.tck;

import io.sqlitekit.it.d1.LocalD1;
import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.tck.DriverFeature;
import io.sqlitekit.tck.DriverHarness;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The driver conformance suite on the D1 driver against the local D1 the D1 harnesses start ({@link LocalD1},
 * {@code wrangler dev}, stopped by pid when the test plan ends). D1 has one database here, so "fresh" means
 * emptied: every open drops the tables a test created. No interactive transactions and no {@code REGEXP}: the
 * suite skips those scenarios with the feature named. Without node/npm every scenario is aborted with the reason.
 */
public final class D1DriverHarness implements DriverHarness {
  @Override
  public String name() {
    return "d1";
  }

  @Override
  public Set<DriverFeature> features() {
    return EnumSet.noneOf(DriverFeature.class);
  }

  /**
   * What D1 cannot do, shown as skips with the reason: per-row counts of a batch (one atomic D1 request reports
   * its total only; the driver refuses such a batch with OperationNotSupportedException before sending), and,
   * on JDK 17 only, releasing the HTTP client's descriptors at close (java.net.http.HttpClient gained close() in
   * JDK 21; before that its selector is freed only when the client is garbage-collected).
   */
  @Override
  public Map<String, String> suppressed() {
    Map<String, String> s = new java.util.HashMap<>();
    s.put("SessionDriverContract#batch_ofUpdatesAndDeletes_reportsEachRowsChanges",
        "D1 reports only the total changes of an atomic batch; the driver refuses per-row counts of non-INSERT "
            + "batches with OperationNotSupportedException, nothing sent");
    if (Runtime.version().feature() < 21) {
      s.put("CloseDriverContract#openUseClose_leaksNoConnection", "java.net.http.HttpClient has no close() before "
          + "JDK 21, so its selector's descriptors outlive the closed driver until garbage collection");
    }
    return Map.copyOf(s);
  }

  @Override
  public SqliteDriver open(DriverOptions options) {
    SqliteDriver d = DriverHarnesses.open("d1", LocalD1.url(), options);
    List<String> tables = d.read(s -> s.query("SELECT name FROM sqlite_master WHERE type = 'table'"
        + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\'", List.of(), rs -> {
          List<String> out = new java.util.ArrayList<>();
          while (rs.next()) {
            out.add(rs.getString(0));
          }
          return out;
        }));
    for (String t : tables) {
      // One writing request per unit of write work on D1.
      d.write(s -> s.update(String.format(Locale.ROOT, "DROP TABLE IF EXISTS \"%s\"", t.replace("\"", "\"\"")),
          List.of()));
    }
    return d;
  }
}
