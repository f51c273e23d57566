package io.sqlitekit.support.repo;

import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.FindOptions;
import io.sqlitekit.spi.KeysetPage;
import io.sqlitekit.spi.KeysetRequest;
import io.sqlitekit.spi.Lookup;
import io.sqlitekit.spi.LookupRow;
import io.sqlitekit.spi.OffsetPage;
import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.Projection;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.SortField;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.RowMapper;
import io.sqlitekit.spi.table.TableDef;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Lookup reads for every kit: the base page through the repository's own paged read (so its rows, order,
 * total and cursor are exactly a {@code getAll}'s and one-to-many lookups cannot inflate the count), then one
 * batched read per lookup of the foreign rows whose foreign field is among the page's local values, through a
 * document repository of the foreign table with the call's context. That foreign read is a plain
 * {@code findAll}, so the kit's policy plugins narrow it and the foreign codecs decode it exactly as a direct
 * read of that table.
 *
 * <p>Chosen over correlated JSON subqueries because it needs no SQL of its own (both kits run it unchanged),
 * the foreign plugins' scope applies without reaching into their SQL, and its cost is one indexed
 * {@code IN} read per lookup per page.
 */
final class LookupReads {
  /** Resolves a foreign table the kit knows to a document repository bound to a call context. */
  @FunctionalInterface
  interface Tables {
    /**
     * Returns a document repository of the table with this context, or null when the kit does not know it.
     */
    StandardRepo<Map<String, Object>, Object> documents(TableDef table, CallContext context);
  }

  private LookupReads() {
  }

  static <T> OffsetPage<LookupRow<T>> page(StandardRepo<T, ?> base, RowMapper<T> mapper, PageRequest request,
      List<Lookup> lookups, Tables tables, CallContext view) {
    Objects.requireNonNull(request, "request");
    List<StandardRepo<Map<String, Object>, Object>> foreign = check(base.table(), lookups, tables, view);
    OffsetPage<T> page = base.getAll(request.withProjection(withLocals(request.projection(), lookups)));
    return new OffsetPage<>(attach(page.items(), mapper, lookups, foreign), page.page(), page.limit(),
        page.total(), page.pages(), page.hasNext(), page.hasPrev());
  }

  static <T> KeysetPage<LookupRow<T>> keyset(StandardRepo<T, ?> base, RowMapper<T> mapper,
      KeysetRequest request, List<Lookup> lookups, Tables tables, CallContext view) {
    Objects.requireNonNull(request, "request");
    List<StandardRepo<Map<String, Object>, Object>> foreign = check(base.table(), lookups, tables, view);
    KeysetPage<T> page = base.getAll(request.withProjection(withLocals(request.projection(), lookups)));
    return new KeysetPage<>(attach(page.items(), mapper, lookups, foreign), page.limit(), page.nextCursor(),
        page.hasMore());
  }

  /** Validates the lookups before anything runs and resolves each foreign table. */
  private static List<StandardRepo<Map<String, Object>, Object>> check(TableDef base, List<Lookup> lookups,
      Tables tables, CallContext view) {
    Objects.requireNonNull(lookups, "lookups");
    if (lookups.isEmpty()) {
      throw new ValidationException("lookups", "a lookup read needs at least one lookup");
    }
    if (lookups.size() > Lookup.MAX_PER_READ) {
      throw new ValidationException("lookups", String.format(Locale.ROOT,
          "too many lookups (%d); a read may carry at most %d", lookups.size(), Lookup.MAX_PER_READ));
    }
    Set<String> names = new HashSet<>();
    List<StandardRepo<Map<String, Object>, Object>> out = new ArrayList<>(lookups.size());
    for (int i = 0; i < lookups.size(); i++) {
      Lookup l = Objects.requireNonNull(lookups.get(i), "lookup");
      String at = "lookups[" + i + "].";
      if (!names.add(l.as())) {
        throw new ValidationException(at + "as", "duplicate lookup name \"" + l.as() + "\"");
      }
      if (base.column(l.as()).isPresent()) {
        throw new ValidationException(at + "as", String.format(Locale.ROOT,
            "lookup name \"%s\" collides with a field of table \"%s\"; choose another name", l.as(), base.name()));
      }
      field(base, l.localField(), at + "localField");
      TableDef from = l.from();
      StandardRepo<Map<String, Object>, Object> repo = tables.documents(from, view.merge(l.context()));
      if (repo == null) {
        throw new ValidationException(at + "from", String.format(Locale.ROOT,
            "lookup \"%s\" names table \"%s\", which this kit does not know (create it first)", l.as(), from.name()));
      }
      field(from, l.foreignField(), at + "foreignField");
      for (String f : l.select().fields()) {
        field(from, f, at + "select");
      }
      for (String f : io.sqlitekit.spi.filter.FilterWalker.fields(l.where())) {
        field(from, f, at + "where");
      }
      out.add(repo);
    }
    return out;
  }

  private static void field(TableDef table, String field, String where) {
    if (table.column(field).isEmpty()) {
      throw new ValidationException(where, String.format(Locale.ROOT,
          "%s references field \"%s\", which is not on table \"%s\"", where, field, table.name()));
    }
  }

  /** The base projection with every lookup's local field read (a lookup cannot match a field it lacks). */
  private static Projection withLocals(Projection p, List<Lookup> lookups) {
    if (p.isAll()) {
      return p;
    }
    Set<String> fields = new LinkedHashSet<>(p.fields());
    for (Lookup l : lookups) {
      if (p.include()) {
        fields.add(l.localField());
      } else {
        fields.remove(l.localField());
      }
    }
    return fields.isEmpty() ? Projection.all() : new Projection(fields, p.include());
  }

  private static <T> List<LookupRow<T>> attach(List<T> items, RowMapper<T> mapper, List<Lookup> lookups,
      List<StandardRepo<Map<String, Object>, Object>> foreign) {
    List<Map<String, Object>> fields = new ArrayList<>(items.size());
    for (T item : items) {
      fields.add(mapper.toFields(item));
    }
    List<Map<String, Object>> joined = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      joined.add(new LinkedHashMap<>());
    }
    for (int k = 0; k < lookups.size(); k++) {
      Lookup l = lookups.get(k);
      Map<Object, List<Map<String, Object>>> byKey = matches(l, foreign.get(k), fields);
      for (int i = 0; i < items.size(); i++) {
        List<Map<String, Object>> rows = byKey.getOrDefault(key(fields.get(i).get(l.localField())), List.of());
        joined.get(i).put(l.as(), l.many() ? List.copyOf(rows) : rows.isEmpty() ? null : rows.get(0));
      }
    }
    List<LookupRow<T>> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      out.add(new LookupRow<>(items.get(i), joined.get(i)));
    }
    return out;
  }

  /** One read of every foreign row matching a local value of the page, grouped by the matched value. */
  private static Map<Object, List<Map<String, Object>>> matches(Lookup l,
      StandardRepo<Map<String, Object>, Object> repo, List<Map<String, Object>> fields) {
    Set<Object> values = new LinkedHashSet<>();
    for (Map<String, Object> f : fields) {
      Object v = f.get(l.localField());
      if (v != null) {
        values.add(v);
      }
    }
    Map<Object, List<Map<String, Object>>> byKey = new LinkedHashMap<>();
    if (values.isEmpty()) {
      return byKey;
    }
    // The kit's projections always read the primary key and the match needs the foreign field: read both,
    // then attach exactly the fields the lookup selected.
    Projection select = l.select();
    Projection read = select;
    if (select.include()) {
      Set<String> fieldsRead = new LinkedHashSet<>(select.fields());
      fieldsRead.add(l.foreignField());
      read = new Projection(fieldsRead, true);
    } else if (select.fields().contains(l.foreignField())) {
      Set<String> fieldsRead = new LinkedHashSet<>(select.fields());
      fieldsRead.remove(l.foreignField());
      read = fieldsRead.isEmpty() ? Projection.all() : new Projection(fieldsRead, false);
    }
    String pk = l.from().primaryKey().name();
    FindOptions options = FindOptions.defaults().withSort(Sort.by(SortField.asc(pk))).withProjection(read);
    List<Map<String, Object>> rows = repo.findAll(Filters.and(Filters.in(l.foreignField(), values), l.where()),
        options);
    for (Map<String, Object> row : rows) {
      Object k = key(row.get(l.foreignField()));
      Map<String, Object> out = row;
      if (!select.isAll()) {
        out = new LinkedHashMap<>(row);
        out.keySet().removeIf(f -> select.fields().contains(f) != select.include());
      }
      byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(java.util.Collections.unmodifiableMap(out));
    }
    return byKey;
  }

  /**
   * The value a match compares by, as SQLite's {@code =} does across storage classes: an integral number and
   * a boolean compare as a long, other numbers as a double, blobs by content.
   */
  static Object key(Object v) {
    if (v instanceof Boolean b) {
      return b ? 1L : 0L;
    }
    if (v instanceof Number n) {
      double d = n.doubleValue();
      if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
        return n.longValue();
      }
      return d == Math.rint(d) && Math.abs(d) < 9.0e15 ? (Object) (long) d : (Object) d;
    }
    if (v instanceof byte[] b) {
      return ByteBuffer.wrap(b);
    }
    return v;
  }
}
