/**
 * Internal, not API, may change: the multi-tenant plugin's hooks and provider.
 *
 * <p>Parameters and return values are never null unless stated.
 */
package io.sqlitekit.plugin.tenant.internal;
