package io.sqlitekit.spi;

import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.TableDef;
import java.util.Optional;

/**
 * The hook point for extensions that add their own reads to a repository (full-text search, nearest-neighbour
 * search): the extension renders the SQL, the repository runs it as one {@link
 * io.sqlitekit.spi.plugin.Operation#SEARCH SEARCH} call, so the same before-, after- and error-hooks run as
 * for {@code findAll} and policy plugins (tenant scope, soft delete, TTL) narrow its filter. The extension
 * only ever sees the final scope, already compiled: it cannot skip it.
 *
 * <p>Obtained from {@link StandardRepo#scopedReads()}; bound to that repository view and its call context.
 * Thread-safe. Users do not call it; they use the typed interface an extension builds on it.
 *
 * @param <T> the repository's entity type
 * @since 0.2.0
 */
public interface ScopedReads<T> {
  /**
   * Returns the repository's table.
   *
   * @return the definition
   */
  TableDef table();

  /**
   * Returns the plugin with this name installed on the repository (the kit's plugins and its own), so an
   * extension can find its configuration for this table.
   *
   * @param name the plugin name, for example {@code "fts"}
   * @return the plugin instance, or empty when none by that name is installed
   */
  Optional<RepositoryPlugin> plugin(String name);

  /**
   * Runs one scoped read: builds the call state of a {@code SEARCH} call with the filter and request, runs
   * the before-hooks (which may narrow the filter or replace the request with one of the same type), then
   * the query with the final scope, then the after-hooks with its result. A failure runs the error hooks
   * and propagates.
   *
   * @param filter the caller's filter
   * @param request the extension's request, visible to hooks as {@code HookContext.request()}
   * @param query renders and runs the statement(s)
   * @param <R> the result type
   * @return what the query returned, after the hooks
   */
  <R> R read(Filter filter, Object request, ScopedQuery<T, R> query);
}
