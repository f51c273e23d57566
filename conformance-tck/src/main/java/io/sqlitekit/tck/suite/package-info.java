/**
 * The contract test classes, one per feature group. Each test runs once per selected
 * {@link io.sqlitekit.tck.RepoHarness} against a fresh, empty repository; its display name carries the
 * harness name in brackets. Run them by scanning this package (Surefire {@code dependenciesToScan}) or with
 * {@link io.sqlitekit.tck.TckRunner}.
 *
 * <p>Parameters and return values are never null unless stated.
 *
 * @since 0.1.0
 */
package io.sqlitekit.tck.suite;
