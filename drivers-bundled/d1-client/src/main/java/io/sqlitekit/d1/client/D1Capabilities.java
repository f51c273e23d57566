package io.sqlitekit.d1.client;

/**
 * What D1's HTTP API can do, so an adapter can refuse features honestly instead of emulating them.
 *
 * @param atomicBatch {@link D1Client#batch(java.util.List)} applies all statements or none. True: the batch
 *     is sent as one multi-statement request. Measured on the local D1 (a failing third statement leaves no
 *     trace of the first two); for Cloudflare's API its reference says such text is "executed as a batch",
 *     and D1 documents batches as transactions that roll back on failure.
 * @param batchRequestForm whether the client uses the API's {@code {"batch": [...]}} request form. False: the
 *     local explorer accepts it but runs the statements one by one, so a failure leaves the earlier ones
 *     applied (measured), and its answer omits their results.
 * @param interactiveTransactions whether a transaction can span requests ({@code BEGIN} … {@code COMMIT}).
 *     False: D1 refuses transaction control in SQL ({@link D1ErrorKind#TRANSACTION_REFUSED}), and every
 *     request is its own transaction.
 * @param savepoints whether {@code SAVEPOINT} works. False, refused like {@code BEGIN}.
 * @param maxBoundParameters the most parameters D1 binds in one statement (100; more fail with
 *     {@code variable number must be between ?1 and ?100} or {@code too many SQL variables}). Only text parameters are bound; this client writes other values into
 *     the SQL text.
 * @param maxStatementBytes the longest SQL text D1 accepts, in bytes (100,000; longer fails with
 *     {@code SQLITE_TOOBIG}). Values written into the text count, a blob twice its size.
 * @param maxValueBytes the largest text or blob value (2,000,000 bytes).
 * @since 0.1.0
 */
public record D1Capabilities(boolean atomicBatch, boolean batchRequestForm, boolean interactiveTransactions,
    boolean savepoints, int maxBoundParameters, int maxStatementBytes, int maxValueBytes) {
  /** D1's capabilities as measured on wrangler 4.86.0's local D1 and documented by Cloudflare. */
  static final D1Capabilities D1 = new D1Capabilities(true, false, false, false, 100, 100_000, 2_000_000);
}
