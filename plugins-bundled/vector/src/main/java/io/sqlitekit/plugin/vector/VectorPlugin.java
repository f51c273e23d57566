package io.sqlitekit.plugin.vector;

import io.sqlitekit.plugin.vector.internal.VectorHooks;
import io.sqlitekit.plugin.vector.internal.VectorScan;
import io.sqlitekit.spi.ScopedReads;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.OperationNotSupportedException;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import java.util.Objects;

/**
 * Creates the vector plugin ({@code "vector"}) and hands out its nearest-neighbour search.
 *
 * <p><b>Writes:</b> at {@link io.sqlitekit.spi.plugin.HookPriority#VALIDATION}, every value written to the
 * embedding field (create, createMany, upsert, getOrCreate, update, updateMany, findOneAndUpdate, batch) may be
 * a {@code float[]}, which is stored as {@link Vectors#toBlob}, or such a {@code byte[]}; either must have
 * exactly {@link VectorOptions#dimensions()} finite components, else the call fails with a
 * {@link io.sqlitekit.spi.error.ValidationException} before anything is written. Reads return the
 * {@code byte[]} (decode it with {@link Vectors#fromBlob}).
 *
 * <p><b>Search:</b> {@link #search(StandardRepo)}; see {@link VectorSearch}.
 *
 * <pre>{@code
 * SqliteKit kit = SqliteKit.builder().url(url).plugins("multi-tenant")
 *     .plugin(VectorPlugin.create(VectorOptions.of(384).withTable("docs"))).build();
 * docs.create(Map.of("id", 1L, "embedding", embed(text)));          // float[384]
 * List<Neighbor<Doc>> near = VectorPlugin.search(docs.withContext(tenant)).nearest(embed(question), 10);
 * }</pre>
 *
 * @since 0.2.0
 */
public final class VectorPlugin {
  /** The name the plugin is enabled by. */
  public static final String NAME = "vector";

  private VectorPlugin() {
  }

  /**
   * Creates the plugin.
   *
   * @param options the options
   * @return the plugin
   */
  public static RepositoryPlugin create(VectorOptions options) {
    return new VectorHooks(Objects.requireNonNull(options, "options"));
  }

  /**
   * Returns the nearest-neighbour search of a repository view on which the plugin is installed.
   *
   * @param repository the repository, or a {@code withContext} view of it
   * @param <T> the entity type
   * @return the search, bound to that view's call context
   * @throws OperationNotSupportedException if the repository is not backed by SQLite (the in-memory kit)
   * @throws ConfigurationException if no {@code "vector"} plugin covers the repository's table
   */
  public static <T> VectorSearch<T> search(StandardRepo<T, ?> repository) {
    Objects.requireNonNull(repository, "repository");
    ScopedReads<T> reads = repository.scopedReads().orElseThrow(() -> new OperationNotSupportedException(
        "vector: nearest-neighbour search needs a SQLite-backed repository; table \""
            + repository.table().name() + "\" has none"));
    VectorHooks hooks = reads.plugin(NAME).filter(VectorHooks.class::isInstance).map(VectorHooks.class::cast)
        .orElseThrow(() -> new ConfigurationException("vector: the \"vector\" plugin is not installed on table \""
            + repository.table().name() + "\""));
    return new VectorScan<>(reads, hooks.column(repository.table()), hooks.options());
  }
}
