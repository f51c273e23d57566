package io.sqlitekit.tck;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Factory helpers for TCK documents, after the reference suite's {@code makeDoc} and {@code isoAt}.
 *
 * @since 0.1.0
 */
public final class TckDocs {
  /** The base instant of {@link #isoAt(long)}: 2026-04-01T00:00:00Z. */
  public static final Instant BASE = Instant.parse("2026-04-01T00:00:00Z");

  private static final AtomicLong SEQ = new AtomicLong();

  private TckDocs() {
  }

  /**
   * Returns {@link #BASE} plus the given number of seconds.
   *
   * @param seconds the offset
   * @return the instant
   */
  public static Instant isoAt(long seconds) {
    return BASE.plusSeconds(seconds);
  }

  /**
   * A document with fresh unique values: id {@code doc_<n>}, name {@code n_<n>}, email
   * {@code e_<n>@example.com}, category {@code default}, count 0, active true, notes null, createdAt
   * {@link #BASE}, version 1.
   *
   * @return the document
   */
  public static TckDoc doc() {
    long n = SEQ.incrementAndGet();
    return new TckDoc("doc_" + n, "n_" + n, "e_" + n + "@example.com", "default", 0L, true, null, BASE, 1L);
  }

  /**
   * A document with the given name and otherwise {@link #doc()} defaults; the id is {@code name} so that
   * scenarios can address rows by name.
   *
   * @param name the name, also used as id
   * @return the document
   */
  public static TckDoc doc(String name) {
    Objects.requireNonNull(name, "name");
    return doc().withName(name).withId(name);
  }

  /**
   * A document with name (also the id), category and count, otherwise {@link #doc()} defaults.
   *
   * @param name the name and id
   * @param category the category, possibly null
   * @param count the count, possibly null
   * @return the document
   */
  public static TckDoc doc(String name, String category, Long count) {
    return doc(name).withCategory(category).withCount(count);
  }
}
