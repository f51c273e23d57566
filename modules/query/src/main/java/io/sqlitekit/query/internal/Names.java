package io.sqlitekit.query.internal;

/**
 * Internal, not API, may change. Shortens user-supplied parameter names before they go into error messages,
 * so a hostile multi-kilobyte key does not become a multi-kilobyte log line.
 */
final class Names {
  private static final int MAX_DISPLAY = 80;

  private Names() {
  }

  static String display(String name) {
    if (name.length() <= MAX_DISPLAY) {
      return name;
    }
    int cut = MAX_DISPLAY;
    if (Character.isHighSurrogate(name.charAt(cut - 1))) {
      cut--;
    }
    return name.substring(0, cut) + "...";
  }
}
