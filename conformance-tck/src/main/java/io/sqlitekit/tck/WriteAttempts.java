package io.sqlitekit.tck;

import io.sqlitekit.spi.BulkOp;
import io.sqlitekit.spi.Capability;
import io.sqlitekit.spi.FindOneAndUpdateOptions;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.Transition;
import io.sqlitekit.spi.UpsertOptions;
import io.sqlitekit.spi.WriteOptions;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.update.Update;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every write a {@link StandardRepo} offers, as named calls on one repository: the list the TCK holds a
 * read-only repository (a view) to, and that kit tests reuse to prove a refused write ran no statement.
 * A write operation added to the contract belongs here, so every read-only check covers it.
 *
 * @since 0.3.0
 */
public final class WriteAttempts {
  private WriteAttempts() {
  }

  /**
   * Returns one call per write operation and variant, by name ({@code "create"}, {@code "batch.delete"}…),
   * each targeting the row with id {@code existingId} or a new row. The calls are meant to be refused.
   *
   * @param repo the repository
   * @param existingId the id of a row the repository can read
   * @return name to call, in a stable order
   */
  public static Map<String, Runnable> all(StandardRepo<TckDoc, String> repo, String existingId) {
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(existingId, "existingId");
    TckDoc fresh = TckDocs.doc("write-attempt");
    TckDoc existing = TckDocs.doc(existingId);
    Map<String, Runnable> m = new LinkedHashMap<>();
    m.put("create", () -> repo.create(fresh));
    m.put("createMany", () -> repo.createMany(List.of(fresh)));
    m.put("update", () -> repo.update(existingId, Update.set("count", 99L)));
    m.put("update.ifVersion", () -> repo.update(existingId, Update.set("count", 99L), WriteOptions.ifVersion(1)));
    m.put("updateMany", () -> repo.updateMany(Filters.eq("id", existingId), Update.set("count", 99L)));
    m.put("delete", () -> repo.delete(existingId));
    m.put("deleteMany", () -> repo.deleteMany(Filters.eq("id", existingId)));
    m.put("upsert", () -> repo.upsert(existing));
    m.put("upsert.onConflict", () -> repo.upsert(existing, UpsertOptions.onConflict("email")));
    m.put("increment", () -> repo.increment(existingId, "count", 1));
    m.put("getOrCreate.existing", () -> repo.getOrCreate(Filters.eq("id", existingId), existing));
    m.put("getOrCreate.new", () -> repo.getOrCreate(Filters.eq("id", fresh.id()), fresh));
    m.put("findOneAndUpdate", () -> repo.findOneAndUpdate(Filters.eq("id", existingId), Update.set("count", 99L),
        FindOneAndUpdateOptions.defaults()));
    m.put("findOneAndUpdate.upsert", () -> repo.findOneAndUpdate(Filters.eq("id", fresh.id()),
        Update.set("count", 99L), FindOneAndUpdateOptions.defaults().withUpsert(true)));
    m.put("batch.insert", () -> repo.batch(b -> List.of(b.insert(fresh))));
    m.put("batch.upsert", () -> repo.batch(b -> List.of(b.upsert(existing))));
    m.put("batch.update", () -> repo.batch(b -> List.of(b.update(existingId, Update.set("count", 99L)))));
    m.put("batch.delete", () -> repo.batch(b -> List.of(b.delete(existingId))));
    m.put("claim", () -> repo.claim(Filters.eq("id", existingId), Sort.parse("id"), Update.set("count", 99L)));
    m.put("claimVersion", () -> repo.claimVersion(Filters.eq("id", existingId), Sort.parse("id"),
        Update.set("count", 99L)));
    m.put("applyTransition", () -> repo.applyTransition(existingId, Transition.anyOf("category", "moved",
        "default", "x", "y")));
    m.put("purgeByFilter", () -> repo.purgeByFilter(Filters.eq("id", existingId)));
    m.put("archiveByFilter", () -> repo.archiveByFilter(Filters.eq("id", existingId),
        TckSchema.TABLE.withName("tck_write_attempt_archive")));
    m.put("bulkWrite", () -> repo.bulkWrite(List.of(BulkOp.insert(fresh))));
    // A read-only repository opens no write transaction, even for a body that only reads.
    m.put("withTransaction", () -> repo.withTransaction(r -> r.count(Filters.all())));
    return Collections.unmodifiableMap(m);
  }

  /**
   * Returns the optional capability a named attempt of {@link #all} needs on a writable table, if any: a
   * repository without it may refuse that attempt as unsupported rather than read-only.
   *
   * @param name a name from {@link #all}
   * @return the capability, or empty for the operations every repository has
   */
  public static Optional<Capability> capability(String name) {
    Objects.requireNonNull(name, "name");
    if (name.startsWith("upsert") || name.equals("findOneAndUpdate.upsert")) {
      return Optional.of(Capability.UPSERT);
    }
    if (name.startsWith("getOrCreate")) {
      return Optional.of(Capability.GET_OR_CREATE);
    }
    if (name.startsWith("batch.")) {
      return Optional.of(Capability.BATCH);
    }
    if (name.equals("update.ifVersion")) {
      return Optional.of(Capability.OPTIMISTIC_CONCURRENCY);
    }
    if (name.startsWith("claim")) {
      return Optional.of(Capability.CLAIM);
    }
    switch (name) {
      case "applyTransition":
        return Optional.of(Capability.APPLY_TRANSITION);
      case "purgeByFilter":
        return Optional.of(Capability.PURGE_BY_FILTER);
      case "archiveByFilter":
        return Optional.of(Capability.ARCHIVE_BY_FILTER);
      case "bulkWrite":
        return Optional.of(Capability.BULK_WRITE);
      case "withTransaction":
        return Optional.of(Capability.TRANSACTIONS);
      default:
        return Optional.empty();
    }
  }
}
