/**
 * A client for Cloudflare D1's HTTP query API: {@link io.sqlitekit.d1.client.D1Client} runs single
 * statements ({@link io.sqlitekit.d1.client.D1Client#execute(D1Statement)}) and atomic batches
 * ({@link io.sqlitekit.d1.client.D1Client#batch(java.util.List)}) against Cloudflare's REST API or the local
 * explorer of {@code wrangler dev}, and returns {@link io.sqlitekit.d1.client.D1Result}s; every failure is a
 * {@link io.sqlitekit.d1.client.D1Exception}.
 *
 * <p>Parameters and return values are never null unless stated; SQL NULL travels as Java {@code null}.
 */
package io.sqlitekit.d1.client;
