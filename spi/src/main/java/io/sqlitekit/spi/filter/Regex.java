package io.sqlitekit.spi.filter;

import io.sqlitekit.spi.error.Messages;
import java.util.Objects;

/**
 * Matches rows whose text field contains a match of a {@link java.util.regex.Pattern Java regular
 * expression}. Flags: {@code i} case-insensitive, {@code m} multi-line, {@code s} dot-all. NULL fields never
 * match. Repositories without regex support (see capabilities) reject it.
 *
 * @param field the field (property key)
 * @param pattern the regular expression
 * @param flags zero or more of {@code i}, {@code m}, {@code s}; never null, possibly empty
 * @since 0.1.0
 */
public record Regex(String field, String pattern, String flags) implements Filter {
  /**
   * Validates the components.
   *
   * @throws NullPointerException if any component is null
   * @throws IllegalArgumentException if {@code flags} contains a character other than i, m, s
   */
  public Regex {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(flags, "flags");
    for (char c : flags.toCharArray()) {
      if (c != 'i' && c != 'm' && c != 's') {
        throw new IllegalArgumentException("regex flags may contain only i, m, s; got " + Messages.quote(flags));
      }
    }
  }

  /**
   * Compiles the pattern with its flags; the one place where flags are interpreted, so every
   * implementation agrees.
   *
   * @return the compiled pattern
   * @throws java.util.regex.PatternSyntaxException if the pattern is invalid
   */
  public java.util.regex.Pattern compile() {
    int f = 0;
    if (flags.indexOf('i') >= 0) {
      f |= java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE;
    }
    if (flags.indexOf('m') >= 0) {
      f |= java.util.regex.Pattern.MULTILINE;
    }
    if (flags.indexOf('s') >= 0) {
      f |= java.util.regex.Pattern.DOTALL;
    }
    return java.util.regex.Pattern.compile(pattern, f);
  }

  @Override
  public <R> R accept(FilterVisitor<R> visitor) {
    return visitor.visitRegex(this);
  }
}
