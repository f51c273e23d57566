package io.sqlitekit.it.diff;

import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.StandardRepo;
import java.util.Map;
import java.util.function.Function;

/**
 * One generated operation of a differential test: what it does (printed on a mismatch), whether it writes
 * (then the kits' whole states are compared after it), and how to run it on one kit's side.
 */
final class DiffCase {
  final String description;
  final boolean writes;
  private final Function<DiffSide, Object> run;

  private DiffCase(String description, boolean writes, Function<DiffSide, Object> run) {
    this.description = description;
    this.writes = writes;
    this.run = run;
  }

  /** A case on the record repository. */
  static DiffCase onRows(String description, boolean writes, Function<StandardRepo<DiffRow, String>, Object> run) {
    return new DiffCase(description, writes, side -> run.apply(side.rows()));
  }

  /** A case on the document repository (rows the record cannot hold, managed columns). */
  static DiffCase onDocs(String description, boolean writes,
      Function<StandardRepo<Map<String, Object>, Object>, Object> run) {
    return new DiffCase(description, writes, side -> run.apply(side.docs()));
  }

  /** A case that needs the whole side (its repositories and its state). */
  static DiffCase onSide(String description, boolean writes, Function<DiffSide, Object> run) {
    return new DiffCase(description, writes, run);
  }

  /** This case run as a caller with the given context. */
  DiffCase as(CallContext context) {
    return new DiffCase(description + " as " + context, writes, side -> run.apply(side.withContext(context)));
  }

  Object apply(DiffSide side) {
    return run.apply(side);
  }
}
