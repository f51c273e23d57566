package io.sqlitekit.spi.driver;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named sets of pragmas applied to every connection a driver opens, in order.
 *
 * @since 0.1.0
 */
public enum PragmaPreset {
  /** WAL, synchronous NORMAL, foreign keys, 5 s busy timeout, 64 MB page cache, in-memory temp store. */
  PRODUCTION(new String[][] {
      {"journal_mode", "WAL"}, {"synchronous", "NORMAL"}, {"foreign_keys", "ON"}, {"busy_timeout", "5000"},
      {"cache_size", "-64000"}, {"temp_store", "MEMORY"}}),
  /** Like production without synchronous, plus {@code query_only}: every write fails. */
  READ_ONLY(new String[][] {
      {"journal_mode", "WAL"}, {"foreign_keys", "ON"}, {"busy_timeout", "5000"}, {"cache_size", "-64000"},
      {"temp_store", "MEMORY"}, {"query_only", "ON"}}),
  /** In-memory journal, no fsync, foreign keys: fast and not durable, for tests. */
  TEST(new String[][] {
      {"journal_mode", "MEMORY"}, {"synchronous", "OFF"}, {"foreign_keys", "ON"}, {"temp_store", "MEMORY"}}),
  /** Touch nothing: the driver's defaults. */
  NONE(new String[0][]);

  private final Map<String, String> pragmas;

  PragmaPreset(String[][] entries) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String[] e : entries) {
      m.put(e[0], e[1]);
    }
    this.pragmas = Collections.unmodifiableMap(m);
  }

  /**
   * Returns the pragmas in application order.
   *
   * @return pragma name to value
   */
  public Map<String, String> pragmas() {
    return pragmas;
  }
}
