/**
 * The per-operation orchestration every kit's repository shares: {@link
 * io.sqlitekit.support.repo.HookedRepository} builds each call's hook state, runs the plugin hooks, applies the
 * contract's request rules and hands the rewritten inputs to the kit's execution methods.
 *
 * <p>Parameters and return values are never null unless stated.
 */
package io.sqlitekit.support.repo;
