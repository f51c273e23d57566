/**
 * The timestamp plugin: {@link io.sqlitekit.plugin.timestamp.TimestampPlugin} builds it from
 * {@link io.sqlitekit.plugin.timestamp.TimestampOptions}; {@link io.sqlitekit.plugin.timestamp.TimestampTriggers}
 * renders an optional trigger that keeps {@code updatedAt} current for writes that bypass the repository.
 *
 * <p>Parameters and return values are never null unless stated.
 *
 * @since 0.1.0
 */
package io.sqlitekit.plugin.timestamp;
