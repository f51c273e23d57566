/**
 * Internal, not API, may change: the validation plugin's hooks, checks and provider.
 */
package io.sqlitekit.plugin.validation.internal;
