/**
 * Internal, not API, may change: harness discovery, the Jupiter extensions behind the suite (per-harness
 * invocations, requirement checks, suppressions, after-each invariants) and the report listener.
 *
 * <p>Parameters and return values are never null unless stated.
 *
 * @since 0.1.0
 */
package io.sqlitekit.tck.internal;
