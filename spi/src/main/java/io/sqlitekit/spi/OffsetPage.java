package io.sqlitekit.spi;

import java.util.List;
import java.util.Objects;

/**
 * One page of an offset-paginated read.
 *
 * <p>{@code pages = ceil(total / limit)}, and 0 when there are no rows; {@code hasNext = page < pages};
 * {@code hasPrev = page > 1}. A page past the end has no items and reports the real total.
 *
 * @param items the rows of this page
 * @param page the 1-based page number
 * @param limit the page size
 * @param total the number of rows matching the filter
 * @param pages the number of pages
 * @param hasNext whether a later page has rows
 * @param hasPrev whether this is not the first page
 * @param <T> the entity type
 * @since 0.1.0
 */
public record OffsetPage<T>(List<T> items, int page, int limit, long total, long pages, boolean hasNext,
    boolean hasPrev) {
  /**
   * Copies the items.
   *
   * @throws NullPointerException if {@code items} is null
   */
  public OffsetPage {
    items = List.copyOf(Objects.requireNonNull(items, "items"));
  }

  /**
   * Builds a page from its items and the total, deriving pages, hasNext and hasPrev.
   *
   * @param items the rows
   * @param page the page number
   * @param limit the page size
   * @param total the total
   * @param <T> the entity type
   * @return the page
   */
  public static <T> OffsetPage<T> of(List<T> items, int page, int limit, long total) {
    long pages = total == 0 ? 0 : (total + limit - 1) / limit;
    return new OffsetPage<>(items, page, limit, total, pages, page < pages, page > 1);
  }
}
