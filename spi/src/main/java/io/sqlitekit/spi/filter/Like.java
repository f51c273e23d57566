package io.sqlitekit.spi.filter;

import java.util.Objects;

/**
 * Matches rows whose text field matches a SQL LIKE pattern: {@code %} is any run of characters, {@code _}
 * one character, and a backslash escapes the next character ({@code \%}, {@code \_}, {@code \\}).
 * Use {@link Filters#escapeLike(String)} to match arbitrary text literally.
 *
 * <p>Case-insensitive matching (the default) folds ASCII letters only, as SQLite's LIKE does: {@code 'bob'}
 * matches {@code 'BOB'}, but {@code 'élan'} does not match {@code 'Élan'}. Case-sensitive matching is really
 * case-sensitive ({@code 'BOB'} does not match {@code 'bob'}), unlike stock SQLite LIKE. NULL fields never
 * match.
 *
 * @param field the field (property key)
 * @param pattern the LIKE pattern, bound as a parameter
 * @param caseSensitive whether letter case must match
 * @since 0.1.0
 */
public record Like(String field, String pattern, boolean caseSensitive) implements Filter {
  /**
   * Validates the components.
   *
   * @throws NullPointerException if {@code field} or {@code pattern} is null
   */
  public Like {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(pattern, "pattern");
  }

  @Override
  public <R> R accept(FilterVisitor<R> visitor) {
    return visitor.visitLike(this);
  }
}
