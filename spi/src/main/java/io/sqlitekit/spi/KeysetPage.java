package io.sqlitekit.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a keyset-paginated read.
 *
 * @param items the rows of this page
 * @param limit the page size
 * @param nextCursor the cursor for the next page, or null when {@code hasMore} is false
 * @param hasMore whether rows follow this page
 * @param <T> the entity type
 * @since 0.1.0
 */
public record KeysetPage<T>(List<T> items, int limit, String nextCursor, boolean hasMore) {
  /**
   * Copies the items and checks that a cursor is present exactly when more rows follow.
   *
   * @throws NullPointerException if {@code items} is null
   * @throws IllegalArgumentException if {@code hasMore} disagrees with {@code nextCursor}
   */
  public KeysetPage {
    items = List.copyOf(Objects.requireNonNull(items, "items"));
    if (hasMore != (nextCursor != null)) {
      throw new IllegalArgumentException("a keyset page has a next cursor exactly when it has more rows");
    }
  }

  /**
   * Returns the cursor for the next page.
   *
   * @return the cursor, or empty on the last page
   */
  public Optional<String> next() {
    return Optional.ofNullable(nextCursor);
  }
}
