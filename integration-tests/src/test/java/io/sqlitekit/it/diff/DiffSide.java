package io.sqlitekit.it.diff;

import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.StandardRepo;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One kit's side of a differential data set: the record and document repositories a case runs on, and the
 * kit's whole state (every table the cases can change, as stored) compared after each write.
 *
 * @param rows the table as {@link DiffRow} records
 * @param docs the same table as documents (for columns the record cannot hold)
 * @param state reads the kit's whole state
 */
record DiffSide(StandardRepo<DiffRow, String> rows, StandardRepo<Map<String, Object>, Object> docs,
    Supplier<Object> state) {

  /** The same side with both repositories carrying a call context (tenant, flags). */
  DiffSide withContext(CallContext context) {
    return new DiffSide(rows.withContext(context), docs.withContext(context), state);
  }
}
