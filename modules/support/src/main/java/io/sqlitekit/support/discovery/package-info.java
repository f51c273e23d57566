/**
 * Strict selection among the providers {@code ServiceLoader} found: ambiguity and impostors of bundled
 * names are errors naming their origins, never resolved by class-path order.
 */
package io.sqlitekit.support.discovery;
