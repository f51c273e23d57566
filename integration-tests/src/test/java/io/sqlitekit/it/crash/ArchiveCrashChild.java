package io.sqlitekit.it.crash;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.driver.PragmaPreset;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;

/**
 * The writer of {@link ArchiveCrashIT}, run as a child JVM: it moves whole groups of rows between the table
 * {@code jobs} and its archive {@code jobs_archive} with {@code archiveByFilter} (each move an
 * {@code INSERT … SELECT} and a {@code DELETE} in one transaction), picking a random group each time and moving
 * it to whichever table it is not in; it prints {@code MOVE <group>} before each call and
 * {@code ACK <group> <table it is now in>} after it returned, until it is killed (or, when the parent is gone, after the time limit).
 *
 * <p>A move that does not move exactly one group's rows ends the child with exit status 3 and a message on
 * stderr, which the parent reports as a failure.
 *
 * <p>Arguments: JDBC URL, random seed, time limit in milliseconds.
 */
public final class ArchiveCrashChild {
  /** Groups of rows moved as one archive call. */
  static final int GROUPS = 16;
  /** Rows per group: large enough that a move is a transaction of many pages, so kills land inside one. */
  static final int GROUP_SIZE = 2_000;
  static final TableDef JOBS = TableDef.of("jobs", Column.integer("id").primaryKey(),
      Column.integer("grp").notNull(), Column.text("payload").notNull());
  static final TableDef ARCHIVE = JOBS.withName("jobs_archive");

  private ArchiveCrashChild() {
  }

  /** Opens the kit the way parent and child both do: the production preset (WAL) on the file. */
  static SqliteKit open(String url) {
    return SqliteKit.builder().url(url).preset(PragmaPreset.PRODUCTION).build();
  }

  /**
   * Runs the moves.
   *
   * @param args JDBC URL, random seed, time limit in milliseconds
   * @throws Exception when the kit fails (the parent then sees an unexpected exit status)
   */
  public static void main(String[] args) throws Exception {
    String url = args[0];
    Random random = new Random(Long.parseLong(args[1]));
    long end = System.nanoTime() + Long.parseLong(args[2]) * 1_000_000L;
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    try (SqliteKit kit = open(url)) {
      StandardRepo<Map<String, Object>, Object> jobs = kit.documents(JOBS);
      StandardRepo<Map<String, Object>, Object> archive = kit.documents(ARCHIVE);
      out.println("START");
      while (System.nanoTime() < end) {
        int g = random.nextInt(GROUPS);
        Filter group = Filters.eq("grp", g);
        boolean inJobs = jobs.exists(group);
        out.println("MOVE " + g);
        long moved = inJobs ? jobs.archiveByFilter(group, ARCHIVE) : archive.archiveByFilter(group, JOBS);
        if (moved != GROUP_SIZE) {
          System.err.println("moved " + moved + " rows of group " + g + " out of " + (inJobs ? "jobs" : "archive")
              + ", expected " + GROUP_SIZE);
          System.exit(3);
        }
        out.println("ACK " + g + " " + (inJobs ? ARCHIVE.name() : JOBS.name()));
      }
    }
    System.exit(2);
  }
}
