package io.sqlitekit.migrate.internal;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Internal, not API, may change. A folder of migration files: a file-system directory, a class-loader
 * location or a location inside a named module.
 */
public interface ResourceDir {
  /** Name of the optional listing file: one file name per line, blank lines and {@code #} comments ignored. */
  String INDEX_FILE = "migrations.idx";

  /**
   * Reads a file below this folder as UTF-8.
   *
   * @param relative a {@code /}-separated relative name
   * @return the text, or empty when there is no such file
   * @throws IOException if the file exists but cannot be read
   */
  Optional<String> read(String relative) throws IOException;

  /**
   * Lists the plain file names directly in this folder.
   *
   * @return the names, in no particular order
   * @throws IOException if the folder cannot be listed
   */
  List<String> list() throws IOException;

  /**
   * Describes the folder for messages.
   *
   * @return for example {@code classpath:db/migration}
   */
  String describe();

  /**
   * Returns the names listed by {@link #INDEX_FILE}, if the folder has one.
   *
   * @return the names, or empty
   * @throws IOException if the index exists but cannot be read
   */
  default Optional<List<String>> index() throws IOException {
    return read(INDEX_FILE).map(text -> text.lines().map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(java.util.stream.Collectors.toList()));
  }

  /**
   * Lists the folder, preferring {@link #INDEX_FILE} when present.
   *
   * @return the names
   * @throws IOException if the folder cannot be listed
   */
  default List<String> listPreferringIndex() throws IOException {
    Optional<List<String>> idx = index();
    return idx.isPresent() ? idx.get() : list();
  }
}
