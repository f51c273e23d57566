package io.sqlitekit.migrate;

import io.sqlitekit.migrate.internal.FolderReaders;
import io.sqlitekit.migrate.internal.ResourceDirs;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Where migrations come from. A {@link Migrator} loads its sources on every call, so edits on disk are
 * seen by the next {@code status()} or {@code up()}.
 *
 * <p><b>Versions across sources:</b> every migration has a numeric version and the migrator runs the union
 * of all sources in ascending version order; a version that appears twice, in one source or across
 * sources, is a {@link io.sqlitekit.spi.error.MigrationException}. drizzle-kit migrations take their
 * journal {@code idx} (starting at 0) as version, Flyway-style files the {@code <n>} of
 * {@code V<n>__…}, programmatic ones the version they are given.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface MigrationSource {
  /**
   * Loads the migrations.
   *
   * @return the migrations, in any order
   * @throws io.sqlitekit.spi.error.MigrationException if the source is unreadable or malformed
   */
  List<Migration> load();

  /**
   * A drizzle-kit output folder, read unchanged: {@code meta/_journal.json} (dialect {@code sqlite}) gives
   * the order by {@code idx}, {@code <tag>.sql} the statements, cut at {@code --> statement-breakpoint}.
   *
   * @param dir the folder drizzle-kit's {@code out} option points at
   * @return the source
   * @throws NullPointerException if {@code dir} is null
   */
  static MigrationSource drizzle(Path dir) {
    Objects.requireNonNull(dir, "dir");
    return () -> FolderReaders.drizzle(ResourceDirs.folder(dir), null);
  }

  /**
   * A drizzle-kit output folder plus a folder of down scripts named {@code <tag>.sql} like the up scripts;
   * a migration without a down script there cannot be rolled back.
   *
   * @param dir the folder drizzle-kit's {@code out} option points at
   * @param downDir the folder of down scripts
   * @return the source
   * @throws NullPointerException if an argument is null
   */
  static MigrationSource drizzle(Path dir, Path downDir) {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(downDir, "downDir");
    return () -> FolderReaders.drizzle(ResourceDirs.folder(dir), ResourceDirs.folder(downDir));
  }

  /**
   * A Flyway-style folder: {@code V<n>__<description>.sql} and optional {@code U<n>__<description>.sql}
   * undo scripts, ordered by the integer {@code <n>}.
   *
   * @param dir the folder
   * @return the source
   * @throws NullPointerException if {@code dir} is null
   */
  static MigrationSource flyway(Path dir) {
    Objects.requireNonNull(dir, "dir");
    return () -> FolderReaders.flyway(ResourceDirs.folder(dir));
  }

  /**
   * A folder on the file system, drizzle-kit if it has {@code meta/_journal.json}, Flyway style otherwise.
   *
   * @param dir the folder
   * @return the source
   * @throws NullPointerException if {@code dir} is null
   */
  static MigrationSource folder(Path dir) {
    Objects.requireNonNull(dir, "dir");
    return () -> FolderReaders.detect(ResourceDirs.folder(dir));
  }

  /**
   * A resource location seen through a class loader (class path, including inside JARs), in either layout
   * (detected as for {@link #folder(Path)}). The location is listed from its {@code file:} directory or
   * {@code jar:} entries, or from a {@code migrations.idx} file in it (one file name per line), which is
   * needed only for other URL schemes or JARs built without directory entries. For resources inside a
   * named module use {@link #classpath(String, Module)}.
   *
   * @param location for example {@code db/migration} or {@code classpath:db/migration}
   * @param loader the class loader
   * @return the source
   * @throws NullPointerException if an argument is null
   */
  static MigrationSource classpath(String location, ClassLoader loader) {
    Objects.requireNonNull(loader, "loader");
    String loc = ResourceDirs.normalise(Objects.requireNonNull(location, "location"));
    return () -> FolderReaders.detect(ResourceDirs.classLoader(loader, loc));
  }

  /**
   * A resource location inside a module. For a named module (on the module path or in any layer) the
   * module's content is read and listed directly, so the location's package need not be opened; for an
   * unnamed module this is {@link #classpath(String, ClassLoader)} with its class loader.
   *
   * @param location for example {@code db/migration}
   * @param module the module that holds the resources, for example {@code MyApp.class.getModule()}
   * @return the source
   * @throws NullPointerException if an argument is null
   */
  static MigrationSource classpath(String location, Module module) {
    Objects.requireNonNull(module, "module");
    String loc = ResourceDirs.normalise(Objects.requireNonNull(location, "location"));
    return () -> FolderReaders.detect(ResourceDirs.module(module, loc));
  }

  /**
   * A resource location seen through the current thread's context class loader (or this library's loader
   * when there is none).
   *
   * @param location for example {@code db/migration}
   * @return the source
   * @throws NullPointerException if {@code location} is null
   */
  static MigrationSource classpath(String location) {
    ClassLoader tccl = Thread.currentThread().getContextClassLoader();
    return classpath(location, tccl != null ? tccl : MigrationSource.class.getClassLoader());
  }

  /**
   * Programmatic migrations: {@link SqlMigration}s or Java {@link Migration}s.
   *
   * @param migrations the migrations
   * @return the source
   * @throws NullPointerException if the array or an element is null
   */
  static MigrationSource of(Migration... migrations) {
    List<Migration> list = List.copyOf(Arrays.asList(Objects.requireNonNull(migrations, "migrations")));
    return () -> list;
  }

  /**
   * Programmatic migrations.
   *
   * @param migrations the migrations
   * @return the source
   * @throws NullPointerException if the list or an element is null
   */
  static MigrationSource of(List<? extends Migration> migrations) {
    List<Migration> list = List.copyOf(Objects.requireNonNull(migrations, "migrations"));
    return () -> list;
  }
}
