package io.sqlitekit.migrate.internal;

import io.sqlitekit.migrate.Migration;
import io.sqlitekit.migrate.MigrationVersion;
import io.sqlitekit.spi.error.MigrationException;
import io.sqlitekit.spi.json.JsonCodec;
import io.sqlitekit.spi.json.JsonCodecException;
import io.sqlitekit.support.json.JsonCodecs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Internal, not API, may change. Reads drizzle-kit output folders and Flyway-style folders.
 *
 * <p>drizzle-kit: {@code meta/_journal.json} is read unchanged; its {@code dialect} must be
 * {@code sqlite}; each entry's {@code idx} becomes the migration's version and its {@code tag} the name,
 * and {@code <tag>.sql} the up script. The journal's own {@code version}, {@code when} and
 * {@code breakpoints} fields are not needed. drizzle-kit writes no down scripts; an optional second folder
 * may hold {@code <tag>.sql} down scripts.
 *
 * <p>Flyway style: {@code V<n>__<description>.sql} up scripts and optional {@code U<n>__<description>.sql}
 * undo scripts; {@code <n>} is a decimal integer (leading zeros allowed), compared numerically. Other
 * {@code .sql} names are an error rather than silently skipped; non-SQL files are ignored.
 */
public final class FolderReaders {
  /** The drizzle-kit journal, relative to the folder. */
  public static final String JOURNAL = "meta/_journal.json";

  private static final Pattern FLYWAY = Pattern.compile("([VU])(\\d+(?:[._]\\d+)*)__(.+)\\.sql");
  private static final Pattern REPEATABLE = Pattern.compile("R__(.+)\\.sql");

  /** The JSON codec of the path (e.g. Jackson) or the built-in one: the journal is read like a JSON column. */
  private static final JsonCodec JSON = JsonCodecs.select(ServiceLoader.load(JsonCodec.class));

  private FolderReaders() {}

  /**
   * Reads a folder, detecting its layout: drizzle-kit when it has {@value #JOURNAL}, Flyway style otherwise.
   *
   * @param dir the folder
   * @return the migrations, in no particular order
   * @throws MigrationException if the folder cannot be read or is malformed
   */
  public static List<Migration> detect(ResourceDir dir) {
    try {
      return dir.read(JOURNAL).isPresent() ? drizzle(dir, null) : flyway(dir);
    } catch (IOException e) {
      throw new MigrationException("cannot read migration folder " + dir.describe() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a drizzle-kit output folder.
   *
   * @param dir the folder
   * @param downDir a folder of down scripts named like the up scripts, or null
   * @return the migrations in journal order
   * @throws MigrationException if the journal or a script is missing or malformed
   */
  public static List<Migration> drizzle(ResourceDir dir, ResourceDir downDir) {
    String where = dir.describe();
    try {
      String text = dir.read(JOURNAL).orElseThrow(() -> new MigrationException(String.format(Locale.ROOT,
          "%s is not a drizzle-kit migration folder: %s is missing", where, JOURNAL)));
      Object root;
      try {
        root = JSON.read(text, Object.class);
      } catch (JsonCodecException e) {
        throw new MigrationException(where + "/" + JOURNAL + ": " + e.getMessage(), e);
      }
      if (!(root instanceof Map)) {
        throw new MigrationException(where + "/" + JOURNAL + ": expected a JSON object");
      }
      Map<?, ?> journal = (Map<?, ?>) root;
      Object dialect = journal.get("dialect");
      if (!"sqlite".equals(dialect)) {
        throw new MigrationException(String.format(Locale.ROOT,
            "%s/%s declares dialect \"%s\"; expected \"sqlite\"", where, JOURNAL, dialect));
      }
      Object entries = journal.get("entries");
      if (!(entries instanceof List)) {
        throw new MigrationException(where + "/" + JOURNAL + ": \"entries\" must be an array");
      }
      TreeMap<Long, Migration> byIdx = new TreeMap<>();
      for (Object o : (List<?>) entries) {
        if (!(o instanceof Map)) {
          throw new MigrationException(where + "/" + JOURNAL + ": every entry must be an object");
        }
        Map<?, ?> e = (Map<?, ?>) o;
        Object idxValue = e.get("idx");
        Object tagValue = e.get("tag");
        if (!(idxValue instanceof Number) || !(tagValue instanceof String)) {
          throw new MigrationException(where + "/" + JOURNAL + ": every entry needs a numeric \"idx\" and a \"tag\"");
        }
        if (!(idxValue instanceof Long)) {
          throw new MigrationException(where + "/" + JOURNAL + ": idx " + idxValue + " is not an integer");
        }
        long idx = (Long) idxValue;
        String tag = (String) tagValue;
        if (idx < 0 || tag.isBlank() || tag.contains("/") || tag.contains("\\") || tag.contains("..")) {
          throw new MigrationException(String.format(Locale.ROOT,
              "%s/%s: entry idx %d has an invalid idx or tag \"%s\"", where, JOURNAL, idx, tag));
        }
        String file = tag + ".sql";
        String up = dir.read(file).orElseThrow(() -> new MigrationException(String.format(Locale.ROOT,
            "%s/%s lists %s (idx %d) but %s is missing", where, JOURNAL, tag, idx, file)));
        String down = downDir == null ? null : downDir.read(file).orElse(null);
        Migration m = new ScriptMigration(idx, tag, tag.replaceFirst("^\\d+_", ""), up, down,
            where + "/" + file, true);
        Migration previous = byIdx.put(idx, m);
        if (previous != null) {
          throw new MigrationException(String.format(Locale.ROOT,
              "%s/%s lists idx %d twice (%s and %s)", where, JOURNAL, idx, previous.name(), tag));
        }
      }
      return new ArrayList<>(byIdx.values());
    } catch (IOException e) {
      throw new MigrationException("cannot read drizzle-kit folder " + where + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a Flyway-style folder.
   *
   * @param dir the folder
   * @return the migrations in version order
   * @throws MigrationException if a file name is malformed, a version repeats or an undo file has no match
   */
  public static List<Migration> flyway(ResourceDir dir) {
    String where = dir.describe();
    List<String> names;
    try {
      names = dir.listPreferringIndex();
    } catch (IOException e) {
      throw new MigrationException("cannot list migration folder " + where + ": " + e.getMessage(), e);
    }
    Map<MigrationVersion, String[]> ups = new TreeMap<>();
    Map<MigrationVersion, String> undos = new HashMap<>();
    Map<String, String> repeatables = new TreeMap<>();
    for (String file : names) {
      if (!file.endsWith(".sql")) {
        continue;
      }
      Matcher r = REPEATABLE.matcher(file);
      if (r.matches()) {
        repeatables.put(file, r.group(1));
        continue;
      }
      Matcher m = FLYWAY.matcher(file);
      if (!m.matches()) {
        throw new MigrationException(String.format(Locale.ROOT,
            "unrecognised migration file %s in %s: expected V<version>__<description>.sql, "
                + "U<version>__<description>.sql (version 7 or 1.2.3) or R__<description>.sql", file, where));
      }
      MigrationVersion version = MigrationVersion.parse(m.group(2));
      if ("V".equals(m.group(1))) {
        String[] prev = ups.put(version, new String[] {file, m.group(3)});
        if (prev != null) {
          throw new MigrationException(String.format(Locale.ROOT,
              "version %s appears twice in %s: %s and %s", version, where, prev[0], file));
        }
      } else {
        String prev = undos.put(version, file);
        if (prev != null) {
          throw new MigrationException(String.format(Locale.ROOT,
              "undo version %s appears twice in %s: %s and %s", version, where, prev, file));
        }
      }
    }
    for (Map.Entry<MigrationVersion, String> u : undos.entrySet()) {
      if (!ups.containsKey(u.getKey())) {
        throw new MigrationException(String.format(Locale.ROOT,
            "undo file %s in %s has no V%s__*.sql migration", u.getValue(), where, u.getKey()));
      }
    }
    List<Migration> out = new ArrayList<>();
    try {
      for (Map.Entry<MigrationVersion, String[]> e : ups.entrySet()) {
        String file = e.getValue()[0];
        String up = read(dir, file);
        String undoFile = undos.get(e.getKey());
        String down = undoFile == null ? null : read(dir, undoFile);
        out.add(new ScriptMigration(e.getKey(), file.substring(0, file.length() - 4),
            e.getValue()[1].replace('_', ' '), up, down, where + "/" + file, false));
      }
      for (Map.Entry<String, String> e : repeatables.entrySet()) {
        String file = e.getKey();
        out.add(new ScriptMigration((MigrationVersion) null, file.substring(0, file.length() - 4),
            e.getValue().replace('_', ' '), read(dir, file), null, where + "/" + file, false));
      }
    } catch (IOException ex) {
      throw new MigrationException("cannot read migration folder " + where + ": " + ex.getMessage(), ex);
    }
    return out;
  }

  private static String read(ResourceDir dir, String file) throws IOException {
    Optional<String> text = dir.read(file);
    return text.orElseThrow(() -> new MigrationException(String.format(Locale.ROOT,
        "%s is listed in %s but cannot be found", file, dir.describe())));
  }
}
