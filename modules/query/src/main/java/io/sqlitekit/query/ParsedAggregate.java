package io.sqlitekit.query;

import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.CountStrategy;
import io.sqlitekit.spi.KeysetPage;
import io.sqlitekit.spi.OffsetPage;
import io.sqlitekit.spi.StandardRepo;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An aggregate query parsed from URL parameters by {@link AggregateQueryParser}: the typed request (filter,
 * group keys, date buckets, measures, having, sort, top-N) and the page the client asked for.
 *
 * <p>The request carries no limit or offset of its own; {@link #offsetPage} and {@link #keysetPage} apply the
 * page. Passing {@link #request()} to {@code StandardRepo.aggregate} returns every group.
 *
 * @param request the aggregate request
 * @param page the 1-based page number (1 when absent or when paging by cursor)
 * @param limit the page size
 * @param after the keyset cursor, when the client continues a keyset walk
 * @since 0.3.0
 */
public record ParsedAggregate(AggregateRequest request, int page, int limit, Optional<String> after) {
  /**
   * Validates the parsed aggregate.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if page or limit is below 1
   */
  public ParsedAggregate {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(after, "after");
    if (page < 1 || limit < 1) {
      throw new IllegalArgumentException("page and limit must be at least 1");
    }
  }

  /**
   * Returns whether the client asked for a keyset page ({@code after} was given).
   *
   * @return true if {@link #after()} is present
   */
  public boolean isKeyset() {
    return after.isPresent();
  }

  /**
   * Reads the requested offset page of groups.
   *
   * @param repo the repository
   * @param count how to count the groups
   * @return the page
   */
  public OffsetPage<Map<String, Object>> offsetPage(StandardRepo<?, ?> repo, CountStrategy count) {
    return repo.aggregatePage(request, page, limit, count);
  }

  /**
   * Reads the requested keyset page of groups: the first page when {@code after} is absent.
   *
   * @param repo the repository
   * @return the page
   * @throws io.sqlitekit.spi.error.ValidationException if the request has no sort (keyset pages need one)
   */
  public KeysetPage<Map<String, Object>> keysetPage(StandardRepo<?, ?> repo) {
    return repo.aggregateKeyset(request, after.orElse(null), limit);
  }
}
