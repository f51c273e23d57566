package io.sqlitekit.migrate;

import io.sqlitekit.migrate.internal.Checksums;
import io.sqlitekit.spi.error.MigrationException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A migration version: one integer ({@code 7}) or dotted integers ({@code 1.2.3}), as in Flyway's
 * {@code V1.2.3__name.sql}. Versions compare part by part as numbers, a missing part counting as zero:
 * {@code 1.2 < 1.10 < 2 = 2.0}.
 *
 * <p>The tracking table keys rows by an integer ({@link #key()}): an undotted version is its own key (so
 * databases migrated before dotted versions existed read unchanged); a dotted one gets a stable negative
 * key derived from its normalised text, and its text is recorded beside it.
 *
 * @since 0.2.0
 */
public final class MigrationVersion implements Comparable<MigrationVersion> {
  private final List<BigInteger> parts;
  private final String text;

  private MigrationVersion(List<BigInteger> parts, String text) {
    this.parts = parts;
    this.text = text;
  }

  /**
   * Parses {@code 7} or {@code 1.2.3}; underscores count as dots ({@code V1_2__x.sql}), as in Flyway, and
   * leading zeros are ignored ({@code 001} is {@code 1}).
   *
   * @param text the version text
   * @return the version
   * @throws MigrationException if the text is not dot-separated non-negative integers
   */
  public static MigrationVersion parse(String text) {
    Objects.requireNonNull(text, "text");
    String t = text.replace('_', '.');
    if (!t.matches("\\d+(\\.\\d+)*")) {
      throw new MigrationException(String.format(Locale.ROOT,
          "invalid migration version \"%s\": expected an integer or dotted integers such as 1.2.3", text));
    }
    List<BigInteger> parts = new ArrayList<>();
    for (String p : t.split("\\.")) {
      parts.add(new BigInteger(p));
    }
    if (parts.size() == 1 && parts.get(0).bitLength() > 62) {
      throw new MigrationException("migration version too large: " + text);
    }
    StringBuilder canonical = new StringBuilder();
    for (BigInteger p : parts) {
      canonical.append(canonical.length() == 0 ? "" : ".").append(p);
    }
    return new MigrationVersion(List.copyOf(parts), canonical.toString());
  }

  /**
   * Returns the undotted version {@code v}.
   *
   * @param v the version, zero or positive
   * @return the version
   * @throws MigrationException if {@code v} is negative
   */
  public static MigrationVersion of(long v) {
    if (v < 0) {
      throw new MigrationException("migration version must be >= 0, was " + v);
    }
    return new MigrationVersion(List.of(BigInteger.valueOf(v)), Long.toString(v));
  }

  /**
   * Returns whether the version has more than one part.
   *
   * @return true for {@code 1.2}, false for {@code 7}
   */
  public boolean dotted() {
    return parts.size() > 1;
  }

  /**
   * Returns the tracking table's key for this version: the number itself when undotted, else a negative
   * number derived from the SHA-256 of the normalised text (trailing {@code .0} parts dropped), so equal
   * versions share a key and undotted keys can never collide with dotted ones.
   *
   * @return the key
   */
  public long key() {
    if (!dotted()) {
      return parts.get(0).longValue();
    }
    return Checksums.trackingKey("V:" + normalised());
  }

  private String normalised() {
    int n = parts.size();
    while (n > 1 && parts.get(n - 1).signum() == 0) {
      n--;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ".").append(parts.get(i));
    }
    return b.toString();
  }

  @Override
  public int compareTo(MigrationVersion o) {
    int n = Math.max(parts.size(), o.parts.size());
    for (int i = 0; i < n; i++) {
      BigInteger a = i < parts.size() ? parts.get(i) : BigInteger.ZERO;
      BigInteger b = i < o.parts.size() ? o.parts.get(i) : BigInteger.ZERO;
      int c = a.compareTo(b);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** Equal when they compare equal: {@code 2} equals {@code 2.0}. */
  @Override
  public boolean equals(Object o) {
    return o instanceof MigrationVersion && compareTo((MigrationVersion) o) == 0;
  }

  @Override
  public int hashCode() {
    return normalised().hashCode();
  }

  /** Returns the version's parts joined by dots, without leading zeros: {@code V01_2__x} is {@code 1.2}. */
  @Override
  public String toString() {
    return text;
  }
}
