/**
 * The vector plugin ({@code "vector"}): float32 embeddings stored per row in a BLOB column, checked on every
 * write, and an exact, policy-scoped k-nearest-neighbour search (cosine, L2, inner product) in pure Java.
 *
 * @provides io.sqlitekit.spi.plugin.PluginProvider the {@code "vector"} plugin
 * @since 0.2.0
 */
module io.sqlitekit.plugin.vector {
  // VectorPlugin, VectorOptions and KnnRequest expose spi types (RepositoryPlugin, StandardRepo, Filter).
  requires transitive io.sqlitekit.spi;

  exports io.sqlitekit.plugin.vector;

  provides io.sqlitekit.spi.plugin.PluginProvider
      with io.sqlitekit.plugin.vector.internal.VectorPluginProvider;
}
