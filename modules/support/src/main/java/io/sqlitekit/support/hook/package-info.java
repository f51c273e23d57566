/**
 * The hook engine every kit runs plugins through: {@link io.sqlitekit.support.hook.HookEngine} (hooks per
 * operation and phase, in priority order), {@link io.sqlitekit.support.hook.CallState} (one call's
 * rewritable state, the {@code HookContext} plugins see) and {@link io.sqlitekit.support.hook.Plugins}
 * (enabling by name, {@code runsAfter} ordering, installation).
 *
 * <p>Parameters and return values are never null unless stated.
 */
package io.sqlitekit.support.hook;
