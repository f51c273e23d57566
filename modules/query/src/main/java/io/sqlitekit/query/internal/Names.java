package io.sqlitekit.query.internal;

import io.sqlitekit.spi.error.Messages;

/**
 * Internal, not API, may change. How user-supplied parameter names appear in errors: through the kit's one
 * sanitizer, {@link Messages}, so a hostile multi-kilobyte key or one holding line breaks, terminal escapes or
 * bidi overrides becomes neither a multi-kilobyte nor a forged log line.
 */
final class Names {
  private Names() {
  }

  /** The name as the exception's {@code parameter}: escaped and truncated, without quotes. */
  static String display(String name) {
    return Messages.sanitize(name);
  }

  /** The name as it appears inside a message: quoted, escaped and truncated. */
  static String quote(String name) {
    return Messages.quote(name);
  }
}
