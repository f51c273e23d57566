/**
 * The Jackson-backed JSON codec ({@link io.sqlitekit.json.jackson.JacksonJsonCodec}).
 *
 * <p>Parameters and return values are never null unless stated.
 *
 * @since 0.2.0
 */
package io.sqlitekit.json.jackson;
