package io.sqlitekit.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The report's statistics, its CSV round trip and its charts, without running JMH. */
final class BenchReportTest {
  private static final List<BenchReport.Row> ROWS = List.of(
      new BenchReport.Row("CrudBenchmarks.w2PointRead", "jdbc", "{}", "us/op", false, new double[] {10, 12, 11}),
      new BenchReport.Row("CrudBenchmarks.w2PointRead", "sqlitekit", "{}", "us/op", false, new double[] {11, 14, 12}),
      new BenchReport.Row("ConcurrencyBenchmarks.mixed80x20Threads16", "jdbc", "{}", "ops/s", true,
          new double[] {90_000, 110_000, 100_000, 95_000}),
      new BenchReport.Row("ConcurrencyBenchmarks.mixed80x20Threads16", "sqlitekit", "{}", "ops/s", true,
          new double[] {120_000, 118_000, 125_000, 119_000}),
      new BenchReport.Row("PageBenchmarks.w3OffsetPageWithCount", "jooq", "{rows=10000}", "us/op", false,
          new double[] {50}));

  @Test
  void medianMinMaxSpread_acrossForks() {
    BenchReport.Row r = ROWS.get(2);
    assertEquals(97_500, r.median(), 1e-9, "even count: mean of the middle two");
    assertEquals(90_000, r.min());
    assertEquals(110_000, r.max());
    assertEquals(20_000 / 97_500.0, r.spread(), 1e-12);
  }

  @Test
  void ratio_isCost_invertedForThroughput_nullWithoutBaseline() {
    assertEquals(12 / 11.0, BenchReport.ratio(ROWS.get(1), ROWS), 1e-12);
    assertEquals(97_500 / 119_500.0, BenchReport.ratio(ROWS.get(3), ROWS), 1e-12, "more ops/s costs less");
    assertArrayEquals(new double[] {97_500 / 125_000.0, 97_500 / 118_000.0}, BenchReport.ratioRange(ROWS.get(3), ROWS),
        1e-12);
    assertNull(BenchReport.ratio(ROWS.get(4), ROWS), "no jdbc row for that workload in this run");
  }

  @Test
  void csv_roundTrips_everyForkScore() {
    List<BenchReport.Row> back = BenchReport.readCsv(BenchReport.csv(ROWS));
    assertEquals(ROWS.size(), back.size());
    for (int i = 0; i < ROWS.size(); i++) {
      assertEquals(ROWS.get(i).key(), back.get(i).key());
      assertEquals(ROWS.get(i).system(), back.get(i).system());
      assertEquals(ROWS.get(i).throughput(), back.get(i).throughput());
      assertArrayEquals(ROWS.get(i).forks(), back.get(i).forks(), 1e-4);
    }
  }

  @Test
  void separateRun_replacesItsClassesRows_keepsTheRest_andTheReportSaysSo(@TempDir Path dir) throws Exception {
    List<BenchReport.Row> separate = List.of(
        new BenchReport.Row("DqliteBenchmarks.d2Insert", "xerial-file", "{}", "us/op", false, new double[] {100}),
        new BenchReport.Row("DqliteBenchmarks.d2Insert", "dqlite-3node", "{}", "us/op", false, new double[] {900}),
        new BenchReport.Row("CrudBenchmarks.w2PointRead", "jdbc", "{}", "us/op", false, new double[] {20}));
    List<BenchReport.Row> merged = BenchReport.merge(ROWS, separate);
    assertEquals(ROWS.size() - 2 + 3, merged.size(), "w2PointRead's two rows replaced by the separate run's one");
    assertEquals(List.of(20.0), merged.stream().filter(r -> r.group().equals("CrudBenchmarks"))
        .map(BenchReport.Row::median).toList());
    assertEquals(9.0, BenchReport.ratio(merged.get(merged.size() - 2), merged), 1e-12, "dqlite over the file");
    BenchReport.RunInfo info = new BenchReport.RunInfo("2026-12-03", "2 cores", "JDK 17", Map.of(), "3 forks", 42,
        "0.1 / 0.1 / 0.1", "cmd").withNote("DqliteBenchmarks.d2Insert", "measured separately on 2026-12-04")
        .withNote("CrudBenchmarks.w2PointRead", "measured separately on 2026-12-04")
        .withNote("SearchBenchmarks", "skipped: no reason");
    Path docs = dir.resolve("BENCHMARKS.md");
    BenchReport.write(merged, info, dir.resolve("out"), docs);
    String md = Files.readString(docs);
    assertTrue(md.contains("- **SearchBenchmarks**: skipped: no reason"), md);
    assertTrue(md.contains("- **CrudBenchmarks.w2PointRead, DqliteBenchmarks.d2Insert**: measured separately on "
        + "2026-12-04"), md);
    assertTrue(md.contains("## ConcurrencyBenchmarks.mixed80x20Threads16\n\n| params"), "no note where none applies");
    assertTrue(md.contains("## DqliteBenchmarks.d2Insert\n\n*measured separately on 2026-12-04*\n"), md);
    assertTrue(md.contains("| {} | dqlite-3node | 900.000 | 900.000 | 900.000 | 0% | us/op | 9.000 |"), md);
    assertTrue(md.contains("![DqliteBenchmarks ratios to xerial-file](benchmarks/DqliteBenchmarks.svg)"), md);
    assertTrue(Files.readString(dir.resolve("benchmarks/DqliteBenchmarks.svg")).contains("relative to xerial-file"));
  }

  @Test
  void write_markdownLinksWellFormedCharts(@TempDir Path dir) throws Exception {
    BenchReport.RunInfo info = new BenchReport.RunInfo("2026-12-04", "2 cores", "JDK 17", Map.of("sqlite-jdbc", "x"),
        "3 forks", 42, "0.50 / 0.40 / 0.30", "cmd");
    Path docs = dir.resolve("docs/BENCHMARKS.md");
    Files.createDirectories(docs.getParent());
    BenchReport.write(ROWS, info, dir.resolve("out"), docs);
    String md = Files.readString(docs);
    assertTrue(md.contains("| load average (1/5/15 min) | 0.50 / 0.40 / 0.30 |"), md);
    assertTrue(md.contains("| {} | sqlitekit | 12.000 | 11.000 | 14.000 | 25% | us/op | 1.091 |"), md);
    assertTrue(md.contains("![CrudBenchmarks ratios to raw JDBC](benchmarks/CrudBenchmarks.svg)"), md);
    assertTrue(!md.contains("PageBenchmarks.svg"), "no chart for a group without a baseline");
    for (String group : List.of("CrudBenchmarks", "ConcurrencyBenchmarks")) {
      byte[] svg = Files.readAllBytes(docs.getParent().resolve("benchmarks/" + group + ".svg"));
      Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg));
      assertEquals("svg", d.getDocumentElement().getTagName());
      assertEquals(1, d.getElementsByTagName("rect").getLength() - 2, group + ": one bar (background + legend aside)");
      assertTrue(new String(svg, StandardCharsets.UTF_8).contains(group.equals("CrudBenchmarks") ? ">1.09<" : ">0.82<"));
    }
    assertTrue(Files.readString(dir.resolve("out/results.csv")).contains("110000.0000"));
  }
}
