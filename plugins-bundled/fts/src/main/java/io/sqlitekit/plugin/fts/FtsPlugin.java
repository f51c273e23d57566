package io.sqlitekit.plugin.fts;

import io.sqlitekit.plugin.fts.internal.FtsHooks;
import io.sqlitekit.plugin.fts.internal.FtsSearcher;
import io.sqlitekit.spi.ScopedReads;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.OperationNotSupportedException;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import java.util.Objects;

/**
 * Creates the full-text search plugin ({@code "fts"}) and hands out its typed search.
 *
 * <p><b>Install:</b> with {@link FtsOptions#autoCreate()} the plugin creates the FTS5 table and its triggers
 * ({@link FtsDdl#createSql}) when the repository is created, and fills a newly created index from the
 * existing rows; a failure (missing table, an FTS5-less SQLite build) is a
 * {@link ConfigurationException} naming the table, never swallowed. From then on every insert, update,
 * delete, upsert and batch on the table, through the kit or raw SQL, keeps the index in sync inside the same
 * transaction.
 *
 * <p><b>Search:</b> {@link #search(StandardRepo)} returns a {@link FullTextSearch} for a repository view. It
 * runs as a repository call, so policy plugins scope it exactly like {@code findAll}: a tenant never sees
 * another tenant's hits, soft-deleted and expired rows are hidden.
 *
 * <pre>{@code
 * var fts = FtsPlugin.create(FtsOptions.of("title", "body").withTable("articles").withPrefix(2, 3));
 * SqliteKit kit = SqliteKit.builder().url(url).plugins("multi-tenant").plugin(fts).build();
 * var articles = kit.repository(ARTICLES, Article.class);
 * SearchPage<Article> page = FtsPlugin.search(articles.withContext(tenant))
 *     .search(SearchRequest.of("sqlite AND wal*").filter(Filters.eq("published", true)));
 * }</pre>
 *
 * @since 0.2.0
 */
public final class FtsPlugin {
  /** The name the plugin is enabled by. */
  public static final String NAME = "fts";

  private FtsPlugin() {
  }

  /**
   * Creates the plugin.
   *
   * @param options the options
   * @return the plugin
   */
  public static RepositoryPlugin create(FtsOptions options) {
    return new FtsHooks(Objects.requireNonNull(options, "options"));
  }

  /**
   * Returns the full-text search of a repository view on which the plugin is installed.
   *
   * @param repository the repository, or a {@code withContext} view of it
   * @param <T> the entity type
   * @return the search, bound to that view's call context
   * @throws OperationNotSupportedException if the repository is not backed by SQLite (the in-memory kit)
   * @throws ConfigurationException if no {@code "fts"} plugin indexes the repository's table
   */
  public static <T> FullTextSearch<T> search(StandardRepo<T, ?> repository) {
    Objects.requireNonNull(repository, "repository");
    ScopedReads<T> reads = repository.scopedReads().orElseThrow(() -> new OperationNotSupportedException(
        "fts: full-text search needs a SQLite-backed repository; table \"" + repository.table().name()
            + "\" has none"));
    FtsHooks hooks = reads.plugin(NAME).filter(FtsHooks.class::isInstance).map(FtsHooks.class::cast)
        .orElseThrow(() -> new ConfigurationException("fts: the \"fts\" plugin is not installed on table \""
            + repository.table().name() + "\""));
    return new FtsSearcher<>(reads, hooks.index(repository.table()));
  }
}
