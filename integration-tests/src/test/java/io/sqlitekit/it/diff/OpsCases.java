package io.sqlitekit.it.diff;

import io.sqlitekit.spi.BulkOp;
import io.sqlitekit.spi.CountStrategy;
import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.Projection;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.Transition;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Random cases of the newer contract's operations for the differential test: {@code claim},
 * {@code claimVersion}, {@code applyTransition}, {@code purgeByFilter}, {@code archiveByFilter},
 * {@code bulkWrite} (mixed operations, some failing), update pipelines and offset pages without a count. They
 * run on the document repositories of {@link #TABLE} (the differential table plus a version field), and every
 * write is followed by a comparison of both tables, the archive included.
 */
final class OpsCases {
  /** The differential table with a version field, so {@code claimVersion} has one to guard its write with. */
  static final TableDef TABLE = DiffSchema.TABLE.withColumn(Column.integer("v").notNull().defaultValue(1L))
      .withVersionField("v");
  /** The archive {@code archiveByFilter} moves rows into: the same columns. */
  static final TableDef ARCHIVE = TABLE.withName("diff_archive");
  /** An archive that does not exist on either kit. */
  private static final TableDef NO_ARCHIVE = TABLE.withName("diff_no_archive");
  /** Fields a transition may guard: text with duplicates, the enum, the integer and the boolean. */
  private static final String[] STATE_FIELDS = {"t", "c", "n", "b", "s"};

  private OpsCases() {
  }

  /** The next case: mostly writes; a failing bulk write must leave both kits' tables as they were. */
  static DiffCase next(DiffGen gen) {
    int kind = gen.nextInt(100);
    if (kind < 12) {
      Filter f = gen.nextInt(3) == 0 ? Filters.all() : gen.filter();
      Sort sort = gen.nextInt(3) == 0 ? gen.partialSort() : gen.totalSort();
      Update u = gen.update();
      return DiffCase.onDocs("claim(" + f + ", " + sort + ", " + u + ")", true, r -> r.claim(f, sort, u));
    }
    if (kind < 22) {
      Filter f = gen.nextInt(3) == 0 ? Filters.all() : gen.filter();
      Sort sort = gen.nextInt(3) == 0 ? gen.partialSort() : gen.totalSort();
      Update u = gen.nextInt(20) == 0 ? Update.set("v", 7L) : gen.update();
      return DiffCase.onDocs("claimVersion(" + f + ", " + sort + ", " + u + ")", true,
          r -> r.claimVersion(f, sort, u));
    }
    if (kind < 34) {
      Object id = gen.value("id", false);
      Transition t = transition(gen);
      return DiffCase.onDocs("applyTransition(" + id + ", " + t + ")", true, r -> r.applyTransition(id, t));
    }
    if (kind < 42) {
      Filter f = gen.nextInt(20) == 0 ? Filters.all() : gen.filter();
      return DiffCase.onDocs("purgeByFilter(" + f + ")", true, r -> r.purgeByFilter(f));
    }
    if (kind < 54) {
      Filter f = gen.nextInt(20) == 0 ? Filters.all() : gen.filter();
      TableDef archive = gen.nextInt(25) == 0 ? NO_ARCHIVE : ARCHIVE;
      return DiffCase.onDocs("archiveByFilter(" + f + ", " + archive.name() + ")", true,
          r -> r.archiveByFilter(f, archive));
    }
    if (kind < 74) {
      List<BulkOp<Map<String, Object>, Object>> ops = bulkOps(gen);
      return DiffCase.onSide("bulkWrite(" + ops + ")", true, side -> {
        Object before = side.state().get();
        try {
          return side.docs().bulkWrite(ops);
        } catch (RuntimeException e) {
          // Both kits must roll back; comparing them with each other would not catch both keeping a half.
          if (!side.state().get().equals(before)) {
            throw new AssertionError("a failed bulkWrite(" + ops + ") left changes: " + e, e);
          }
          throw e;
        }
      });
    }
    if (kind < 82) {
      Filter f = gen.nextInt(20) == 0 ? Filters.all() : gen.filter();
      List<Update> stages = stages(gen);
      return DiffCase.onDocs("updateManyPipeline(" + f + ", " + stages + ")", true,
          r -> r.updateManyPipeline(f, stages));
    }
    if (kind < 88) {
      Object id = gen.value("id", false);
      List<Update> stages = stages(gen);
      return DiffCase.onDocs("updatePipeline(" + id + ", " + stages + ")", true, r -> r.updatePipeline(id, stages));
    }
    Filter f = gen.nextInt(2) == 0 ? Filters.all() : gen.filter();
    Sort sort = gen.nextInt(3) == 0 ? gen.partialSort() : gen.totalSort();
    PageRequest req = new PageRequest(f, sort, 1 + gen.nextInt(4), 1 + gen.nextInt(10), Projection.all());
    return DiffCase.onDocs("getAll(" + req + ", NONE)", false, r -> r.getAll(req, CountStrategy.NONE));
  }

  /** A guarded change of one state field: one to three from-values (sometimes NULL), sometimes more changes. */
  private static Transition transition(DiffGen gen) {
    String field = STATE_FIELDS[gen.nextInt(STATE_FIELDS.length)];
    List<Object> from = new ArrayList<>();
    for (int i = 1 + gen.nextInt(3); i > 0; i--) {
      from.add(gen.nextInt(6) == 0 ? null : gen.value(field, false));
    }
    Object to = gen.nextInt(10) == 0 ? null : gen.value(field, true);
    Transition t = Transition.anyOf(field, to, from.toArray());
    Update also = gen.nextInt(3) == 0 ? gen.update() : Update.empty();
    // Changing the state field in "also" is refused by Transition itself, before any kit sees it.
    return also.fields().contains(field) ? t : t.also(also);
  }

  /** Two to four updates applied in order. */
  private static List<Update> stages(DiffGen gen) {
    List<Update> out = new ArrayList<>();
    for (int i = 2 + gen.nextInt(3); i > 0; i--) {
      out.add(gen.update());
    }
    return out;
  }

  /**
   * One to six mixed operations; the generated keys, codes and updates make some fail (a duplicate key, a value
   * a column refuses, a delete of every row), now and then deliberately.
   */
  private static List<BulkOp<Map<String, Object>, Object>> bulkOps(DiffGen gen) {
    List<BulkOp<Map<String, Object>, Object>> ops = new ArrayList<>();
    for (int i = 1 + gen.nextInt(6); i > 0; i--) {
      switch (gen.nextInt(7)) {
        case 0:
          ops.add(BulkOp.insert(new LinkedHashMap<>(gen.newRow())));
          break;
        case 1:
          ops.add(BulkOp.update(gen.value("id", false), gen.update()));
          break;
        case 2:
          ops.add(BulkOp.updateMany(gen.filter(), gen.update()));
          break;
        case 3:
          ops.add(BulkOp.delete(gen.value("id", false)));
          break;
        case 4:
          ops.add(BulkOp.deleteMany(gen.nextInt(15) == 0 ? Filters.all() : gen.filter()));
          break;
        case 5:
          ops.add(BulkOp.upsert(new LinkedHashMap<>(gen.newRow())));
          break;
        default:
          // The same new row twice: the second insert clashes unless the first one failed already.
          Map<String, Object> row = gen.newRow();
          ops.add(BulkOp.insert(new LinkedHashMap<>(row)));
          ops.add(BulkOp.insert(new LinkedHashMap<>(row)));
          break;
      }
    }
    return ops;
  }
}
