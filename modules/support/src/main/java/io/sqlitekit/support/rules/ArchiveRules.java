package io.sqlitekit.support.rules;

import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * When a table may receive another table's rows ({@code archiveByFilter}): the rule both kits check before
 * moving anything, so an incompatible archive is refused the same way everywhere and before any write.
 *
 * @since 0.3.0
 */
public final class ArchiveRules {
  private ArchiveRules() {
  }

  /**
   * Checks that {@code archive} can hold every row of {@code source}: it is another table, it has every field
   * of {@code source} with the same storage class, and each of its own extra fields is nullable, has a default
   * or is an auto-assigned integer key.
   *
   * @param source the table rows are moved from
   * @param archive the table they are moved to
   * @throws ValidationException naming the archive table and the offending field
   */
  public static void checkCompatible(TableDef source, TableDef archive) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(archive, "archive");
    if (source.name().equals(archive.name())) {
      throw new ValidationException("archive", String.format(Locale.ROOT,
          "archiveByFilter: the archive table must differ from table \"%s\"", source.name()));
    }
    for (Column c : source.columns()) {
      Optional<Column> a = archive.column(c.name());
      if (a.isEmpty()) {
        throw new ValidationException(c.name(), String.format(Locale.ROOT,
            "archiveByFilter: archive table \"%s\" has no field \"%s\" of table \"%s\"", archive.name(),
            c.name(), source.name()));
      }
      if (a.get().storage() != c.storage()) {
        throw new ValidationException(c.name(), String.format(Locale.ROOT,
            "archiveByFilter: archive table \"%s\" stores \"%s\" as %s, table \"%s\" as %s", archive.name(),
            c.name(), a.get().storage(), source.name(), c.storage()));
      }
    }
    for (Column a : archive.columns()) {
      boolean filled = source.column(a.name()).isPresent() || !a.isNotNull() || a.hasDefault()
          || (a.isPrimaryKey() && a.storage() == io.sqlitekit.spi.table.StorageClass.INTEGER);
      if (!filled) {
        throw new ValidationException(a.name(), String.format(Locale.ROOT,
            "archiveByFilter: archive field \"%s\" of table \"%s\" is NOT NULL without a default and table "
                + "\"%s\" has no such field", a.name(), archive.name(), source.name()));
      }
    }
  }
}
