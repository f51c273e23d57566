package io.sqlitekit.spi.table;

import io.sqlitekit.spi.error.Messages;
import java.util.Locale;

/**
 * Validation and quoting of SQL identifiers (table, column and index names).
 *
 * <p>Identifiers are always rendered double-quoted. Names containing a double quote, a semicolon, a NUL or
 * any control character are rejected outright rather than escaped, so no identifier can end a statement.
 *
 * @since 0.1.0
 */
public final class Identifiers {
  private Identifiers() {
  }

  /**
   * Checks a name and returns it.
   *
   * @param name the identifier
   * @param what what the name is, for the error message (for example {@code "index name"})
   * @return the name
   * @throws IllegalArgumentException if the name is empty or contains a forbidden character
   */
  public static String requireValid(String name, String what) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '"' || c == ';' || c < 0x20 || c == 0x7f) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "invalid %s %s: quotes, semicolons and control characters are not allowed", what,
            Messages.quote(name)));
      }
    }
    return name;
  }

  /**
   * Returns the identifier double-quoted after validating it.
   *
   * @param name the identifier
   * @return {@code "name"}
   * @throws IllegalArgumentException if the name is invalid
   */
  public static String quote(String name) {
    return '"' + requireValid(name, "identifier") + '"';
  }
}
