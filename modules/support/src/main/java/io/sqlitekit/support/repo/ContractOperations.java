package io.sqlitekit.support.repo;

import io.sqlitekit.spi.BulkOp;
import io.sqlitekit.spi.BulkWriteResult;
import io.sqlitekit.spi.Capability;
import io.sqlitekit.spi.FindOneAndUpdateOptions;
import io.sqlitekit.spi.FindOptions;
import io.sqlitekit.spi.OffsetPage;
import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.Projection;
import io.sqlitekit.spi.ReturnDocument;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.Transition;
import io.sqlitekit.spi.TransitionResult;
import io.sqlitekit.spi.WriteOptions;
import io.sqlitekit.spi.error.BulkWriteException;
import io.sqlitekit.spi.error.OperationNotSupportedException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.error.VersionConflictException;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import io.sqlitekit.support.hook.CallState;
import io.sqlitekit.support.rules.ArchiveRules;
import io.sqlitekit.support.rules.ViewRules;
import io.sqlitekit.support.rules.WriteRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The newer contract's optional operations (claim, claimVersion, applyTransition, purge, archive, bulkWrite,
 * count-free pages) for a {@link HookedRepository}: each runs as the existing operation whose hooks and policy
 * plugins it must get (a claim is a {@code findOneAndUpdate}, a transition an {@code update}, purge and archive
 * a {@code deleteMany}), or is composed of the repository's own single calls (bulkWrite, claimVersion), so
 * every plugin applies exactly as to those calls on every kit.
 */
final class ContractOperations<T, ID> {
  private final HookedRepository<T, ID> repo;

  ContractOperations(HookedRepository<T, ID> repo) {
    this.repo = repo;
  }

  private TableDef table() {
    return repo.table();
  }

  private void require(Capability c, String operation) {
    if (c.writes()) {
      // A view's repository reports no write capability; its writes are read-only refusals, not "unsupported".
      ViewRules.requireWritable(table(), operation);
    }
    if (!repo.capabilities().supports(c)) {
      throw new OperationNotSupportedException(String.format(Locale.ROOT,
          "%s on table \"%s\" is not supported by this repository (capability %s)", operation, table().name(), c));
    }
  }

  private void requireChange(Update update, String operation) {
    if (!update.changesExistingRows()) {
      throw new ValidationException("update", String.format(Locale.ROOT,
          "%s on table \"%s\" needs an update that changes the claimed row", operation, table().name()));
    }
  }

  Optional<T> claim(Filter filter, Sort sort, Update update) {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(sort, "sort");
    Objects.requireNonNull(update, "update");
    require(Capability.CLAIM, "claim");
    requireChange(update, "claim");
    FindOneAndUpdateOptions options = new FindOneAndUpdateOptions(sort, ReturnDocument.AFTER, false, null);
    CallState ctx = repo.newCallState(Operation.FIND_ONE_AND_UPDATE).withFilter(filter).withUpdate(update)
        .withRequest(options);
    return repo.run(ctx, () -> {
      FindOneAndUpdateOptions o = (FindOneAndUpdateOptions) ctx.request().orElse(options);
      return repo.claimFirst(ctx.filter(), ctx.update(), repo.total(o.sort()));
    });
  }

  @SuppressWarnings("unchecked")
  Optional<T> claimVersion(Filter filter, Sort sort, Update update) {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(sort, "sort");
    Objects.requireNonNull(update, "update");
    require(Capability.CLAIM, "claimVersion");
    // It reads its candidate before writing: on a view refuse before that read.
    ViewRules.requireWritable(table(), "claimVersion");
    Column version = table().version().orElseThrow(() -> new ValidationException("version", String.format(
        Locale.ROOT, "claimVersion needs a version field on table \"%s\"", table().name())));
    requireChange(update, "claimVersion");
    if (update.fields().contains(version.name())) {
      throw new ValidationException(version.name(), String.format(Locale.ROOT,
          "claimVersion on table \"%s\": the update must not change the version field \"%s\"", table().name(),
          version.name()));
    }
    String pk = table().primaryKey().name();
    FindOptions first = FindOptions.defaults().withSort(sort);
    VersionConflictException lost = null;
    for (int attempt = 0; attempt < StandardRepo.CLAIM_VERSION_ATTEMPTS; attempt++) {
      Optional<T> candidate = repo.getOne(filter, first);
      if (candidate.isEmpty()) {
        return Optional.empty();
      }
      Map<String, Object> fields = repo.mapper().toFields(candidate.get());
      ID id = (ID) fields.get(pk);
      Object v = fields.get(version.name());
      if (!(v instanceof Number)) {
        // Without a version the write could not be guarded: refuse rather than claim unsafely.
        throw new ValidationException(version.name(), String.format(Locale.ROOT,
            "claimVersion on table \"%s\": a candidate row has no version in \"%s\"; give every row a version "
                + "(NOT NULL with a default) or use claim", table().name(), version.name()));
      }
      try {
        Optional<T> claimed = repo.update(id, update, WriteOptions.ifVersion(((Number) v).longValue()));
        if (claimed.isPresent()) {
          return claimed;
        }
        // Deleted (or moved out of scope) since it was read: a lost race too; look for the next candidate.
        lost = new VersionConflictException(String.valueOf(id), ((Number) v).longValue(), null);
      } catch (VersionConflictException e) {
        lost = e;
      }
    }
    // Every attempt lost its race (the loop returns on a claim or when nothing matches): nothing changed.
    throw lost;
  }

  TransitionResult<T> applyTransition(ID id, Transition t) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(t, "transition");
    require(Capability.APPLY_TRANSITION, "applyTransition");
    table().require(t.field());
    Update update = t.also().withSet(t.field(), t.to());
    Filter[] scope = new Filter[1];
    CallState ctx = repo.newCallState(Operation.UPDATE).withId(id).withUpdate(update)
        .withRequest(WriteOptions.none());
    Optional<T> applied = repo.run(ctx, () -> {
      scope[0] = ctx.filter();
      return repo.updateById(id, Filters.and(ctx.filter(), fromStates(t)), ctx.update(), null);
    });
    if (applied.isPresent()) {
      return new TransitionResult<>(true, applied);
    }
    // Not applied: report the row as it is now (in the same scope), or the miss.
    return new TransitionResult<>(false, repo.readById(id, Projection.all(), scope[0] == null ? Filters.all()
        : scope[0]));
  }

  private static Filter fromStates(Transition t) {
    List<Object> values = new ArrayList<>();
    boolean fromNull = false;
    for (Object v : t.from()) {
      if (v == null) {
        fromNull = true;
      } else {
        values.add(v);
      }
    }
    Filter in = values.isEmpty() ? Filters.none() : Filters.in(t.field(), values);
    return fromNull ? Filters.or(in, Filters.isNull(t.field())) : in;
  }

  long purgeByFilter(Filter filter) {
    Objects.requireNonNull(filter, "filter");
    require(Capability.PURGE_BY_FILTER, "purgeByFilter");
    // Physical by definition: a soft-delete plugin's conversion into an update is not applied.
    CallState ctx = repo.newCallState(Operation.DELETE_MANY).withFilter(filter).physicalDelete();
    return repo.run(ctx, () -> {
      WriteRules.requireScoped(filter, "purgeByFilter");
      return repo.deleteWhere(ctx.filter(), null);
    });
  }

  long archiveByFilter(Filter filter, TableDef archive) {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(archive, "archive");
    require(Capability.ARCHIVE_BY_FILTER, "archiveByFilter");
    // A view is refused as such before any rule about the archive's shape.
    ViewRules.requireWritable(table(), "archiveByFilter");
    ViewRules.requireWritable(archive, "archiveByFilter into");
    WriteRules.requireScoped(filter, "archiveByFilter");
    ArchiveRules.checkCompatible(table(), archive);
    CallState ctx = repo.newCallState(Operation.DELETE_MANY).withFilter(filter).physicalDelete();
    return repo.run(ctx, () -> repo.archiveWhere(ctx.filter(), archive));
  }

  BulkWriteResult<T> bulkWrite(List<BulkOp<T, ID>> ops) {
    Objects.requireNonNull(ops, "ops");
    require(Capability.BULK_WRITE, "bulkWrite");
    // Before the transaction opens: on a view nothing may run, not even BEGIN.
    ViewRules.requireWritable(table(), "bulkWrite");
    List<BulkOp<T, ID>> list = List.copyOf(ops);
    if (list.isEmpty()) {
      return new BulkWriteResult<>(List.of());
    }
    return repo.inWriteTransaction(() -> {
      List<BulkWriteResult.Outcome<T>> out = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        try {
          out.add(apply(i, list.get(i)));
        } catch (BulkWriteException e) {
          throw e;
        } catch (RuntimeException e) {
          // Thrown out of the transaction body: everything the earlier operations wrote is rolled back.
          throw new BulkWriteException(i, e);
        }
      }
      return new BulkWriteResult<>(out);
    });
  }

  /** Runs one operation as the single call it names, on this repository view (joining the transaction). */
  private BulkWriteResult.Outcome<T> apply(int i, BulkOp<T, ID> op) {
    if (op instanceof BulkOp.Insert) {
      T row = repo.create(((BulkOp.Insert<T, ID>) op).entity());
      return new BulkWriteResult.Outcome<>(i, op, 1, Optional.of(row));
    }
    if (op instanceof BulkOp.UpdateOne) {
      BulkOp.UpdateOne<T, ID> u = (BulkOp.UpdateOne<T, ID>) op;
      Optional<T> row = repo.update(u.id(), u.update());
      return new BulkWriteResult.Outcome<>(i, op, row.isPresent() ? 1 : 0, row);
    }
    if (op instanceof BulkOp.UpdateMany) {
      BulkOp.UpdateMany<T, ID> u = (BulkOp.UpdateMany<T, ID>) op;
      return new BulkWriteResult.Outcome<>(i, op, repo.updateMany(u.filter(), u.update()).modifiedCount(),
          Optional.empty());
    }
    if (op instanceof BulkOp.DeleteOne) {
      boolean deleted = repo.delete(((BulkOp.DeleteOne<T, ID>) op).id());
      return new BulkWriteResult.Outcome<>(i, op, deleted ? 1 : 0, Optional.empty());
    }
    if (op instanceof BulkOp.DeleteMany) {
      long n = repo.deleteMany(((BulkOp.DeleteMany<T, ID>) op).filter());
      return new BulkWriteResult.Outcome<>(i, op, n, Optional.empty());
    }
    T row = repo.upsert(((BulkOp.Upsert<T, ID>) op).entity());
    return new BulkWriteResult.Outcome<>(i, op, 1, Optional.of(row));
  }

  /** The one update a pipeline's stages amount to, refused without {@link Capability#UPDATE_PIPELINE}. */
  Update pipeline(List<Update> stages) {
    require(Capability.UPDATE_PIPELINE, "an update pipeline");
    return io.sqlitekit.support.rules.UpdatePipelines.compose(table().name(), stages);
  }

  OffsetPage<T> pageWithoutCount(PageRequest request) {
    Objects.requireNonNull(request, "request");
    require(Capability.PAGE_WITHOUT_COUNT, "getAll without a count");
    CallState ctx = repo.newCallState(Operation.GET_ALL).withFilter(request.filter()).withRequest(request);
    return repo.run(ctx, () -> {
      PageRequest r = (PageRequest) ctx.request().orElse(request);
      int limit = WriteRules.pageLimit(r.limit(), repo.maxPageLimit());
      long offset = (long) (r.page() - 1) * limit;
      // One row past the page tells whether there is a next page; no COUNT runs.
      List<T> rows = repo.readAll(ctx.filter(), new FindOptions(r.sort(), limit + 1, offset, r.projection()));
      boolean more = rows.size() > limit;
      return new OffsetPage<>(more ? rows.subList(0, limit) : rows, r.page(), limit, 0, 0, more, r.page() > 1);
    });
  }
}
