package io.sqlitekit.it;

import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.table.TableDef;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;

/**
 * Opens in-memory kits by reflection, so this module compiles and its SQLite tests run before
 * {@code sqlitekit-memory} is installed; the pom depends on it (it is in the reactor) (and the
 * memory TCK execution) as soon as it is in the local repository.
 */
public final class MemoryKits {
  private static final String KIT = "io.sqlitekit.memory.MemoryKit";

  private MemoryKits() {
  }

  /** Returns whether the in-memory kit is on the class path. */
  public static boolean available() {
    try {
      Class.forName(KIT, false, MemoryKits.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** Opens a fresh kit ({@code MemoryKit.create()}). */
  public static Object create() {
    try {
      return Class.forName(KIT).getMethod("create").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw failure(e);
    }
  }

  /** {@code kit.repository(table, type)}. */
  @SuppressWarnings("unchecked")
  public static <T extends Record, ID> StandardRepo<T, ID> repository(Object kit, TableDef table, Class<T> type) {
    try {
      return (StandardRepo<T, ID>) kit.getClass().getMethod("repository", TableDef.class, Class.class)
          .invoke(kit, table, type);
    } catch (ReflectiveOperationException e) {
      throw failure(e);
    }
  }

  /** {@code kit.documents(table)}. */
  @SuppressWarnings("unchecked")
  public static StandardRepo<Map<String, Object>, Object> documents(Object kit, TableDef table) {
    try {
      return (StandardRepo<Map<String, Object>, Object>) kit.getClass().getMethod("documents", TableDef.class)
          .invoke(kit, table);
    } catch (ReflectiveOperationException e) {
      throw failure(e);
    }
  }

  /** {@code kit.createView(view, base, where)}. */
  public static void createView(Object kit, TableDef view, TableDef base, Filter where) {
    try {
      kit.getClass().getMethod("createView", TableDef.class, TableDef.class, Filter.class)
          .invoke(kit, view, base, where);
    } catch (ReflectiveOperationException e) {
      throw failure(e);
    }
  }

  private static RuntimeException failure(ReflectiveOperationException e) {
    if (e instanceof InvocationTargetException && e.getCause() instanceof RuntimeException) {
      return (RuntimeException) e.getCause();
    }
    return new IllegalStateException("cannot use the in-memory kit", e);
  }
}
