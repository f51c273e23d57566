/**
 * The shared layer for {@code StandardRepo} implementers: what every kit must do the same way, written once.
 * The SQLite kit and the in-memory kit both stand on it, so a plugin behaves identically on both and a rule
 * fixed here is fixed everywhere.
 *
 * <ul>
 *   <li>{@code io.sqlitekit.support.discovery}: strict provider selection for kits and the migrator.</li>
 *   <li>{@code io.sqlitekit.support.driver}: the transaction machinery drivers with interactive transactions
 *       share (writer lock, reader pool, savepoints, snapshot reads, after-commit actions, close), and the
 *       forwarding bases of driver and session decorators.</li>
 *   <li>{@code io.sqlitekit.support.filter}: the one Filter normaliser (the contract's constant rules).</li>
 *   <li>{@code io.sqlitekit.support.rules}: request and write rules of the repository contract, and date-bucket
 *       labels.</li>
 *   <li>{@code io.sqlitekit.support.hook}: the hook engine, the per-call hook state, and plugin resolution,
 *       ordering and installation.</li>
 *   <li>{@code io.sqlitekit.support.repo}: the per-operation orchestration of a repository: hook state, hooks,
 *       request rules, then the kit's execution.</li>
 *   <li>{@code io.sqlitekit.support.page}: the keyset cursor codec and the "rows after this cursor" filter,
 *       so every kit pages identically and accepts the others' cursors.</li>
 *   <li>{@code io.sqlitekit.support.json}: the JSON codec kits fall back to, so JSON columns store the same
 *       text in every kit.</li>
 * </ul>
 *
 * <p>Kit implementers' API: stable within a minor version, but not for application code, which uses a kit.
 *
 * @since 0.2.0
 */
module io.sqlitekit.support {
  // Hook state and engine take and return spi types (Filter, Update, HookContext, RepositoryPlugin…).
  requires transitive io.sqlitekit.spi;

  exports io.sqlitekit.support.discovery;
  exports io.sqlitekit.support.driver;
  exports io.sqlitekit.support.filter;
  exports io.sqlitekit.support.hook;
  exports io.sqlitekit.support.json;
  exports io.sqlitekit.support.page;
  exports io.sqlitekit.support.repo;
  exports io.sqlitekit.support.rules;
}
