package io.sqlitekit.support.repo;

import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.DateBucket;
import io.sqlitekit.spi.Lookup;
import io.sqlitekit.spi.Measure;
import io.sqlitekit.spi.SortField;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.error.OperationNotSupportedException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.FilterWalker;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.support.hook.CallState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The lookups of an aggregate request ({@link AggregateRequest#lookup}), resolved the same way for every kit:
 * the checked joins, the table the aggregate then runs over, and each foreign table's read scope.
 *
 * <p>The aggregate runs over a <em>joined table</em>: the base table's columns, then one column
 * {@code as.field} per field of each lookup's foreign table, with the foreign column's codec (never a key,
 * never NOT NULL: a miss leaves it null). Every aggregate rule (field checks, output codecs, orders, keyset
 * cursors) applies to it unchanged, so a dotted path is an ordinary field there.
 *
 * <p>Each base row joins at most one foreign row: the first by the foreign primary key among those whose
 * foreign field equals the row's local field and that match the join's {@link Join#scope() scope}. The scope
 * is the lookup's {@code where} after the foreign repository's own hooks rewrote it for an
 * {@link Operation#AGGREGATE} read of that table with the caller's context: whatever its policy plugins
 * (tenant, soft delete, TTL, …) add to a read of that table is part of the join, with no plugin named here.
 *
 * @since 0.3.0
 */
public final class AggregateJoins {
  /**
   * One resolved lookup of an aggregate.
   *
   * @param as the lookup's name, the prefix of its paths
   * @param from the foreign table
   * @param localField the base field matched
   * @param foreignField the foreign field matched against it
   * @param scope the foreign rows that may join: the lookup's {@code where} with the foreign read scope
   * @param fields joined-table field ({@code as.field}) to foreign field, in the foreign table's order
   */
  public record Join(String as, TableDef from, String localField, String foreignField, Filter scope,
      Map<String, String> fields) {
    /**
     * Copies the field map.
     */
    public Join {
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
  }

  private final TableDef table;
  private final List<Join> joins;

  private AggregateJoins(TableDef table, List<Join> joins) {
    this.table = table;
    this.joins = List.copyOf(joins);
  }

  /**
   * Returns the joined table the aggregate runs over.
   *
   * @return the base table's columns, then each lookup's {@code as.field} columns
   */
  public TableDef table() {
    return table;
  }

  /**
   * Returns the joins in request order.
   *
   * @return the joins
   */
  public List<Join> joins() {
    return joins;
  }

  /**
   * Checks a request's lookups and dotted paths and returns the table it runs over; no plugin runs and nothing
   * is read.
   *
   * @param base the base table
   * @param r the request
   * @return {@code base} when the request has no lookup, else the joined table
   * @throws ValidationException naming the lookup part or path: a duplicate or colliding name, a one-to-many
   *     lookup, an unknown local or foreign field, a path whose lookup name or foreign field is unknown
   */
  public static TableDef table(TableDef base, AggregateRequest r) {
    if (r.lookups().isEmpty()) {
      return base;
    }
    if (r.lookups().size() > Lookup.MAX_PER_READ) {
      throw new ValidationException("lookups", String.format(Locale.ROOT,
          "too many lookups (%d); an aggregate may carry at most %d", r.lookups().size(), Lookup.MAX_PER_READ));
    }
    List<Column> cols = new ArrayList<>(base.columns());
    Map<String, Lookup> byName = new LinkedHashMap<>();
    for (int i = 0; i < r.lookups().size(); i++) {
      Lookup l = r.lookups().get(i);
      String at = "lookups[" + i + "].";
      if (byName.putIfAbsent(l.as(), l) != null) {
        throw new ValidationException(at + "as", "duplicate lookup name \"" + l.as() + "\"");
      }
      for (Column c : base.columns()) {
        if (c.name().equals(l.as()) || c.name().startsWith(l.as() + ".") || c.sqlName().startsWith(l.as() + ".")) {
          throw new ValidationException(at + "as", String.format(Locale.ROOT,
              "lookup name \"%s\" collides with field \"%s\" of table \"%s\"; choose another name", l.as(),
              c.name(), base.name()));
        }
      }
      if (l.many()) {
        throw new ValidationException(at + "many", String.format(Locale.ROOT,
            "lookup \"%s\" is one-to-many: in an aggregate it would count each row of table \"%s\" once per "
                + "match; use a one-to-one lookup (Lookup.one), or aggregate table \"%s\" itself", l.as(),
            base.name(), l.from().name()));
      }
      require(base, l.localField(), at + "localField");
      require(l.from(), l.foreignField(), at + "foreignField");
      for (String f : FilterWalker.fields(l.where())) {
        require(l.from(), f, at + "where");
      }
      for (String f : l.select().fields()) {
        require(l.from(), f, at + "select");
      }
      for (Column c : l.from().columns()) {
        if (l.select().isAll() || l.select().fields().contains(c.name()) == l.select().include()) {
          cols.add(joinedColumn(l.as() + "." + c.name(), c));
        }
      }
    }
    TableDef joined;
    try {
      joined = new TableDef(base.name(), cols, null, base.isView());
    } catch (IllegalArgumentException e) {
      throw new ValidationException("lookups", String.format(Locale.ROOT,
          "the lookups of an aggregate over table \"%s\" cannot be joined: %s", base.name(), e.getMessage()), e);
    }
    for (String path : names(r)) {
      checkPath(base, joined, byName, path);
    }
    return joined;
  }

  /**
   * Checks the request's lookups and resolves each foreign table's read scope through that table's hooks, with
   * the caller's context merged with the lookup's.
   *
   * @param base the base table
   * @param r the request
   * @param tables resolves a foreign table to a repository view with a context, or null when unknown
   * @return the joins; none when the request has no lookup
   * @throws ValidationException as {@link #table}, or for a foreign table the kit does not know
   * @throws OperationNotSupportedException when a foreign repository's hooks answer the read themselves, so
   *     its scope cannot be known (the join is refused rather than left unscoped)
   */
  static AggregateJoins resolve(TableDef base, AggregateRequest r, LookupReads.Tables tables, CallContext view) {
    TableDef joined = table(base, r);
    List<Join> joins = new ArrayList<>(r.lookups().size());
    for (int i = 0; i < r.lookups().size(); i++) {
      Lookup l = r.lookups().get(i);
      StandardRepo<Map<String, Object>, Object> repo = tables.documents(l.from(), view.merge(l.context()));
      if (repo == null) {
        throw new ValidationException("lookups[" + i + "].from", String.format(Locale.ROOT,
            "lookup \"%s\" names table \"%s\", which this kit does not know (create it first)", l.as(),
            l.from().name()));
      }
      if (!(repo instanceof HookedRepository)) {
        throw new OperationNotSupportedException(String.format(Locale.ROOT,
            "lookup \"%s\": table \"%s\" is not read through this kit's hooks, so its read scope is unknown",
            l.as(), l.from().name()));
      }
      Map<String, String> fields = new LinkedHashMap<>();
      String prefix = l.as() + ".";
      for (Column c : joined.columns()) {
        if (c.name().startsWith(prefix)) {
          fields.put(c.name(), c.name().substring(prefix.length()));
        }
      }
      joins.add(new Join(l.as(), l.from(), l.localField(), l.foreignField(),
          readScope((HookedRepository<?, ?>) repo, l), fields));
    }
    return new AggregateJoins(joined, joins);
  }

  /**
   * The foreign rows an aggregate of that table would read: its hooks run for an {@link Operation#AGGREGATE}
   * call whose execution only records the scope they left (after-hooks see an empty result).
   */
  private static Filter readScope(HookedRepository<?, ?> repo, Lookup l) {
    AggregateRequest probe = AggregateRequest.of("count", Measure.count()).where(l.where());
    CallState ctx = repo.newCallState(Operation.AGGREGATE).withFilter(l.where()).withRequest(probe);
    Filter[] scope = new Filter[1];
    repo.run(ctx, () -> {
      scope[0] = ctx.filter();
      return List.of();
    });
    if (scope[0] == null) {
      throw new OperationNotSupportedException(String.format(Locale.ROOT,
          "lookup \"%s\": a plugin of table \"%s\" answered its aggregate read itself, so the rows it may join "
              + "are unknown; the aggregate is refused rather than joined without that table's scope", l.as(),
          l.from().name()));
    }
    return scope[0];
  }

  private static Column joinedColumn(String name, Column c) {
    return new Column(name, name, c.storage(), c.mode(), c.javaType(), false, false, false, false, null, null,
        c.isNaNAllowed());
  }

  private static void require(TableDef table, String field, String where) {
    if (table.column(field).isEmpty()) {
      throw new ValidationException(where, String.format(Locale.ROOT,
          "%s references field \"%s\", which is not on table \"%s\"", where, field, table.name()));
    }
  }

  /** Every field name the request uses, aliases excluded: the candidates for dotted paths. */
  private static Set<String> names(AggregateRequest r) {
    Set<String> out = new LinkedHashSet<>(FilterWalker.fields(r.filter()));
    out.addAll(r.groupBy());
    for (Measure m : r.measures().values()) {
      if (m.field() != null) {
        out.add(m.field());
      }
      if (m.filtered()) {
        out.addAll(FilterWalker.fields(m.where()));
      }
    }
    for (DateBucket b : r.dateBuckets().values()) {
      out.add(b.field());
    }
    Set<String> aliases = new HashSet<>(r.measures().keySet());
    aliases.addAll(r.dateBuckets().keySet());
    for (String f : FilterWalker.fields(r.having())) {
      if (!aliases.contains(f)) {
        out.add(f);
      }
    }
    for (SortField f : r.sort().fields()) {
      if (!aliases.contains(f.field())) {
        out.add(f.field());
      }
    }
    return out;
  }

  private static void checkPath(TableDef base, TableDef joined, Map<String, Lookup> lookups, String path) {
    int dot = path.indexOf('.');
    if (dot < 0 || joined.column(path).isPresent() || base.column(path).isPresent()) {
      return;
    }
    String name = path.substring(0, dot);
    Lookup l = lookups.get(name);
    if (l == null) {
      throw new ValidationException(path, String.format(Locale.ROOT,
          "path \"%s\" names lookup \"%s\", which the aggregate over table \"%s\" does not declare (lookups: %s)",
          path, name, base.name(), lookups.keySet()));
    }
    String field = path.substring(dot + 1);
    throw new ValidationException(path, l.from().column(field).isPresent()
        ? String.format(Locale.ROOT, "path \"%s\": field \"%s\" of table \"%s\" is not selected by lookup \"%s\"",
            path, field, l.from().name(), name)
        : String.format(Locale.ROOT, "path \"%s\": table \"%s\" of lookup \"%s\" has no field \"%s\"", path,
            l.from().name(), name, field));
  }
}
