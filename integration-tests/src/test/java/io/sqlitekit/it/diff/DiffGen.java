package io.sqlitekit.it.diff;

import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.DateBucket;
import io.sqlitekit.spi.Measure;
import io.sqlitekit.spi.Projection;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.SortField;
import io.sqlitekit.spi.TopN;
import io.sqlitekit.spi.filter.And;
import io.sqlitekit.spi.filter.Eq;
import io.sqlitekit.spi.filter.Exists;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.filter.Gt;
import io.sqlitekit.spi.filter.Gte;
import io.sqlitekit.spi.filter.In;
import io.sqlitekit.spi.filter.Like;
import io.sqlitekit.spi.filter.Lt;
import io.sqlitekit.spi.filter.Lte;
import io.sqlitekit.spi.filter.MatchAll;
import io.sqlitekit.spi.filter.MatchNone;
import io.sqlitekit.spi.filter.Ne;
import io.sqlitekit.spi.filter.Nin;
import io.sqlitekit.spi.filter.Not;
import io.sqlitekit.spi.filter.Or;
import io.sqlitekit.spi.filter.Regex;
import io.sqlitekit.spi.update.Update;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random data, filters, sorts, updates and aggregate requests over {@link DiffSchema#TABLE}. Values come from
 * small pools so that filters hit stored values, duplicates and NULLs often, and they are handed over in
 * mixed Java types that the column codecs accept (or, rarely, reject: both kits must then refuse alike).
 */
final class DiffGen {
  private static final String[] TEXTS = {
      "alpha", "Alpha", "ALPHA", "alphabet", "beta", "Beta", "a%b", "a_b", "a\\b", "100%", "50% off", "_x", "x_",
      "%", "_", "\\", "", "  ", "Élan", "élan", "ÉLAN", "naïve", "日本語", "😀 smile", "ｆｕｌｌ", "\uE000priv",
      "a\nb", "abc", "ABC", "ab", "b", "zeta", "Zeta", "O'Brien", "it's \"quoted\"", "ß", "SS", "a%%b", "A_B"};
  private static final String[] SHORT = {"x", "y", "X", "Y", "xy", "x%", "y_"};
  private static final String[] ID_PREFIX = {"r", "R", "a_", "a%", "é", "Z"};
  private static final String[] LIKE_PATTERNS = {
      "%", "_", "a%", "%a", "A%", "%b", "%\\%%", "%\\_%", "%\\\\%", "é%", "É%", "%😀%", "_b", "a_b", "a\\_b",
      "a\\%b", "\\", "abc\\", "%\\", "__", "%_%", "ß", "ss", "%ｆ%", "a\nb", "a_\\%", "%x", "X", "x\\%", "r%", "R_%"};
  private static final String[] REGEX = {
      "^a", "A", "a.b", "^.$", "[%_\\\\]", "\\d", "é", "(?:al|be)", "^$", "b$", "😀", "^[a-z]+$", "^a$", "x", "^X",
      "\\\\", "[^a-z]", "ph", "^r\\d"};
  private static final String[] REGEX_FLAGS = {"", "", "i", "m", "s", "is"};
  private static final Instant BASE = Instant.parse("2026-04-01T00:00:00Z");

  private final Random rnd;

  DiffGen(long seed) {
    this.rnd = new Random(seed);
  }

  private boolean chance(int percent) {
    return rnd.nextInt(100) < percent;
  }

  private <T> T pick(T[] a) {
    return a[rnd.nextInt(a.length)];
  }

  private <T> T pick(List<T> a) {
    return a.get(rnd.nextInt(a.size()));
  }

  // ---------------------------------------------------------------- data

  /** A data set of 0..40 rows as documents, in a random insertion order. */
  List<Map<String, Object>> rows() {
    int count = chance(5) ? 0 : 1 + rnd.nextInt(40);
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(row(pick(ID_PREFIX) + String.format("%02d", i), "c" + i));
    }
    java.util.Collections.shuffle(out, rnd);
    return out;
  }

  /** One row document with the given key; it carries {@code code} (unique) most of the time. */
  private Map<String, Object> row(String id, String code) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    for (String f : DiffSchema.FIELDS) {
      if (!f.equals("id") && !f.equals("code")) {
        Object v = chance(15) ? null : value(f, false);
        if (v != null || chance(50)) {
          row.put(f, v);
        }
      }
    }
    if (chance(60)) {
      row.put("code", code);
    }
    return row;
  }

  /**
   * A row document to write into an existing data set: its key and code are drawn from the same pools as the
   * stored rows, so it often clashes with one (of the caller's tenant or another's); rarely it brings a value
   * its column refuses, or a tenant field of its own that the multi-tenant plugin must overwrite.
   */
  Map<String, Object> newRow() {
    Map<String, Object> row = row((String) value("id", false), (String) value("code", false));
    if (chance(3)) {
      String f = pick(DiffSchema.FIELDS.subList(1, DiffSchema.FIELDS.size()));
      row.put(f, value(f, true));
    }
    if (chance(5)) {
      row.put("organizationId", "t9");
    }
    return row;
  }

  /** A value of the field's codec in a random accepted Java type; rarely a wrong one when allowed. */
  Object value(String field, boolean allowWrong) {
    if (allowWrong && chance(3)) {
      return pick(new Object[] {"text", 2.5, true, 7L, BASE, DiffRow.Color.RED, "PURPLE"});
    }
    switch (field) {
      case "nope":
        return "x";
      case "id":
        return pick(ID_PREFIX) + String.format("%02d", rnd.nextInt(42));
      case "s":
        if (DifferentialIT.EXTREMES && chance(3)) {
          return pick(new String[] {"a\u0000b", "\u0000", "\uD83D", "x".repeat(3000), "\u212A", "\u0130i"});
        }
        return pick(TEXTS);
      case "t":
        return pick(SHORT);
      case "code":
        return "c" + rnd.nextInt(45);
      case "n": {
        if (DifferentialIT.EXTREMES && chance(3)) {
          return pick(new Long[] {Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1, (1L << 53) + 1});
        }
        long v = chance(10) ? (chance(50) ? 1L : -1L) * ((1L << 40) + rnd.nextInt(3)) : rnd.nextInt(7) - 3;
        switch (rnd.nextInt(6)) {
          case 0:
            return (int) v == v ? (Object) (int) v : v;
          case 1:
            return (short) v == v ? (Object) (short) v : v;
          case 2:
            return BigInteger.valueOf(v);
          case 3:
            return new BigDecimal(v).setScale(1);
          case 4:
            return Math.abs(v) < 1000 ? (Object) (double) v : v;
          default:
            return v;
        }
      }
      case "r": {
        if (DifferentialIT.EXTREMES && chance(3)) {
          return pick(new Double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0,
              Double.MIN_VALUE, Double.MAX_VALUE, 0.1, 1e-300});
        }
        int k = rnd.nextInt(17) - 8;
        double d = k * 0.25;
        switch (rnd.nextInt(5)) {
          case 0:
            return k % 4 == 0 ? (Object) (k / 4) : d;
          case 1:
            return (float) d;
          case 2:
            return k % 4 == 0 ? (Object) (long) (k / 4) : d;
          case 3:
            return BigDecimal.valueOf(d);
          default:
            return d;
        }
      }
      case "b": {
        boolean v = rnd.nextBoolean();
        return chance(25) ? (Object) (v ? 1 : 0) : v;
      }
      case "ts": {
        Instant i = BASE.plusSeconds(60L * (rnd.nextInt(7) - 3)).plusMillis(chance(30) ? rnd.nextInt(3) * 250 : 0);
        switch (rnd.nextInt(4)) {
          case 0:
            return i.toString();
          case 1:
            return i.atOffset(ZoneOffset.ofHours(2));
          case 2:
            return Date.from(i);
          default:
            return i;
        }
      }
      case "c": {
        DiffRow.Color c = pick(DiffRow.Color.values());
        return chance(30) ? c.name() : c;
      }
      default:
        throw new IllegalArgumentException(field);
    }
  }

  // ---------------------------------------------------------------- filters

  /** A random filter tree of bounded depth. */
  Filter filter() {
    return filter(rnd.nextInt(4));
  }

  private Filter filter(int depth) {
    if (depth <= 0 || chance(35)) {
      return leaf();
    }
    int kind = rnd.nextInt(10);
    if (kind < 7) {
      int n = rnd.nextInt(4);
      List<Filter> children = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        children.add(filter(depth - 1));
      }
      boolean and = kind < 4;
      // Hand-built records keep degenerate shapes (empty and/or, single child); builders simplify.
      if (chance(50)) {
        return and ? new And(children) : new Or(children);
      }
      return and ? Filters.and(children) : Filters.or(children);
    }
    Filter child = filter(depth - 1);
    return chance(50) ? new Not(child) : Filters.not(child);
  }

  private Filter leaf() {
    String field = chance(1) ? "nope" : pick(DiffSchema.FIELDS);
    int op = rnd.nextInt(100);
    if (op < 3) {
      return new MatchAll();
    }
    if (op < 6) {
      return new MatchNone();
    }
    if (op < 20) {
      return new Eq(field, chance(10) ? null : value(field, true));
    }
    if (op < 30) {
      return new Ne(field, chance(10) ? null : value(field, true));
    }
    if (op < 45) {
      Object v = chance(3) ? null : value(field, true);
      switch (rnd.nextInt(4)) {
        case 0:
          return new Gt(field, v);
        case 1:
          return new Gte(field, v);
        case 2:
          return new Lt(field, v);
        default:
          return new Lte(field, v);
      }
    }
    if (op < 60) {
      List<Object> values = new ArrayList<>();
      int n = chance(15) ? 0 : 1 + rnd.nextInt(4);
      for (int i = 0; i < n; i++) {
        values.add(chance(DifferentialIT.NULL_IN_LISTS ? 12 : 0) ? null : value(field, true));
      }
      return chance(50) ? new In(field, values) : new Nin(field, values);
    }
    String text = chance(2) ? field : pick(DiffSchema.TEXT_FIELDS);
    if (op < 80) {
      String pattern;
      switch (rnd.nextInt(4)) {
        case 0:
          pattern = pick(LIKE_PATTERNS);
          break;
        case 1:
          pattern = "%" + Filters.escapeLike(pick(TEXTS)) + "%";
          break;
        case 2:
          pattern = mangle(pick(TEXTS));
          break;
        default:
          pattern = Filters.escapeLike(pick(TEXTS).toUpperCase(java.util.Locale.ROOT)) + (chance(50) ? "%" : "");
          break;
      }
      return new Like(text, pattern, chance(40));
    }
    if (op < 88) {
      return new Regex(text, pick(REGEX), pick(REGEX_FLAGS));
    }
    return new Exists(field, rnd.nextBoolean());
  }

  /** A LIKE pattern derived from a text: some characters become wildcards, some are escaped. */
  private String mangle(String text) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      int r = rnd.nextInt(10);
      if (r == 0 && !Character.isSurrogate(ch)) {
        sb.append('_');
      } else if (r == 1) {
        sb.append('%');
      } else if (ch == '%' || ch == '_' || ch == '\\') {
        sb.append(chance(70) ? "\\" : "").append(ch);
      } else {
        sb.append(ch);
      }
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- sorts, updates, aggregates

  /** 0 to 3 keys over any fields, then the primary key (random direction), so the order is total. */
  Sort totalSort() {
    List<SortField> keys = new ArrayList<>();
    int n = rnd.nextInt(4);
    for (int i = 0; i < n; i++) {
      String f = pick(DiffSchema.FIELDS);
      if (!f.equals("id") && keys.stream().noneMatch(k -> k.field().equals(f))) {
        keys.add(rnd.nextBoolean() ? SortField.asc(f) : SortField.desc(f));
      }
    }
    keys.add(rnd.nextBoolean() ? SortField.asc("id") : SortField.desc("id"));
    return Sort.by(keys.toArray(new SortField[0]));
  }

  /** One to three distinct fields each set (possibly to NULL), unset or incremented. */
  Update update() {
    Update u = Update.empty();
    List<String> used = new ArrayList<>();
    int n = 1 + rnd.nextInt(3);
    for (int i = 0; i < n; i++) {
      String f = chance(2) ? "id" : pick(DiffSchema.FIELDS.subList(1, DiffSchema.FIELDS.size()));
      if (used.contains(f)) {
        continue;
      }
      used.add(f);
      int kind = rnd.nextInt(10);
      if (kind < 5) {
        u = u.and(Update.set(f, chance(12) ? null : value(f, true)));
      } else if (kind < 7) {
        u = u.and(Update.unset(f));
      } else {
        String target = chance(80) ? (rnd.nextBoolean() ? "n" : "r") : f;
        if (used.contains(target) && !target.equals(f)) {
          continue;
        }
        used.add(target);
        u = u.and(Update.inc(target, delta(target)));
      }
    }
    return u;
  }

  /** An increment delta for a field: quarter steps for the real, integers of mixed types (rarely 1.5) otherwise. */
  Number delta(String field) {
    if (field.equals("r")) {
      return chance(20) ? (Number) (rnd.nextInt(5) - 2) : (Number) (0.25 * (rnd.nextInt(9) - 4));
    }
    if (chance(10)) {
      return 1.5;
    }
    return rnd.nextBoolean() ? (Number) (rnd.nextInt(7) - 3) : (Number) (long) (rnd.nextInt(7) - 3);
  }

  /** One to three non-key sort fields without the primary key: ties are left to the kit's tiebreak rule. */
  Sort partialSort() {
    List<SortField> keys = new ArrayList<>();
    int n = 1 + rnd.nextInt(3);
    for (int i = 0; i < n; i++) {
      String f = pick(DiffSchema.FIELDS.subList(1, DiffSchema.FIELDS.size()));
      if (keys.stream().noneMatch(k -> k.field().equals(f))) {
        keys.add(rnd.nextBoolean() ? SortField.asc(f) : SortField.desc(f));
      }
    }
    return Sort.by(keys.toArray(new SortField[0]));
  }

  /** A grouped or scalar aggregate with a total order over its groups. */
  AggregateRequest aggregate(Filter where) {
    String[] groupable = {"t", "b", "c", "n", "s", "ts"};
    String group = chance(30) ? null : pick(groupable);
    Map<String, Measure> measures = new LinkedHashMap<>();
    int n = 1 + rnd.nextInt(3);
    for (int i = 0; i < n; i++) {
      String f = pick(DiffSchema.FIELDS);
      String num = rnd.nextBoolean() ? "n" : "r";
      Measure m;
      switch (rnd.nextInt(7)) {
        case 0:
          m = Measure.count();
          break;
        case 1:
          m = Measure.count(f);
          break;
        case 2:
          m = Measure.countDistinct(f);
          break;
        case 3:
          m = Measure.sum(num);
          break;
        case 4:
          m = Measure.avg(num);
          break;
        case 5:
          m = Measure.min(f);
          break;
        default:
          m = Measure.max(f);
          break;
      }
      measures.put("m" + i, m);
    }
    AggregateRequest req = new AggregateRequest(where, group == null ? List.of() : List.of(group), measures,
        Filters.all(), Sort.unsorted(), 0, 0);
    if (group != null) {
      req = req.orderBy(Sort.by(rnd.nextBoolean() ? SortField.asc(group) : SortField.desc(group)));
      if (chance(25)) {
        req = req.having(Filters.gte("m0", 1 + rnd.nextInt(2)));
      }
      if (chance(20)) {
        req = req.page(1 + rnd.nextInt(3), rnd.nextInt(2));
      }
    }
    return req;
  }

  private static final String[] ZONES = {"UTC", "UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata",
      "Australia/Lord_Howe", "+05:45"};

  /**
   * An aggregate-v2 request: 0-2 group fields, 0-2 date buckets (timestamps, epoch numbers and mostly
   * non-date text; named intervals and custom bins; UTC or a zone), 1-3 measures with optional filters including
   * percentiles and deviations, optional having and top-N, and a total order. The first measure is always exact
   * (a count, an integer sum, a min or a max) because it is the one that having, top-N and the sort may use:
   * floating results may differ in the last bit between the kits and are compared rounded.
   *
   * @param where the row filter
   * @param zones whether zoned buckets may be drawn
   * @return the request
   */
  AggregateRequest aggregateV2(Filter where, boolean zones) {
    List<String> groupBy = new ArrayList<>();
    String[] groupable = {"t", "b", "c", "n"};
    int g = rnd.nextInt(3);
    for (int i = 0; i < g; i++) {
      String f = pick(groupable);
      if (!groupBy.contains(f)) {
        groupBy.add(f);
      }
    }
    Map<String, Measure> measures = new LinkedHashMap<>();
    String[] exactFields = {"n", "t", "ts", "c", "b"};
    switch (rnd.nextInt(4)) {
      case 0:
        measures.put("m0", Measure.count());
        break;
      case 1:
        measures.put("m0", Measure.sum("n"));
        break;
      case 2:
        measures.put("m0", Measure.min(pick(exactFields)));
        break;
      default:
        measures.put("m0", Measure.count(pick(exactFields)).where(filter(1)));
        break;
    }
    int n = rnd.nextInt(3);
    for (int i = 1; i <= n; i++) {
      String num = rnd.nextBoolean() ? "n" : "r";
      Measure m;
      switch (rnd.nextInt(8)) {
        case 0:
          m = Measure.percentile(num, pick(new Double[] {0.0, 0.25, 0.5, 0.9, 1.0, 0.333}));
          break;
        case 1:
          m = Measure.stddev(num);
          break;
        case 2:
          m = Measure.stddevPop(num);
          break;
        case 3:
          m = Measure.avg(num);
          break;
        case 4:
          m = Measure.countDistinct(pick(DiffSchema.FIELDS));
          break;
        case 5:
          m = Measure.count();
          break;
        case 6:
          m = Measure.max(pick(DiffSchema.FIELDS));
          break;
        default:
          m = Measure.sum(num);
          break;
      }
      measures.put("m" + i, chance(40) ? m.where(filter(2)) : m);
    }
    AggregateRequest req = new AggregateRequest(where, groupBy, measures, Filters.all(), Sort.unsorted(), 0, 0);
    int buckets = rnd.nextInt(3);
    for (int i = 0; i < buckets; i++) {
      String field = pick(new String[] {"ts", "ts", "ts", "n", "s"});
      DateBucket.Unit unit = pick(DateBucket.Unit.values());
      DateBucket b = chance(30) && unit.ordinal() <= DateBucket.Unit.MONTH.ordinal()
          ? DateBucket.every(field, 2 + rnd.nextInt(14), unit) : DateBucket.of(field, unit);
      if (zones && chance(50)) {
        b = b.inZone(pick(ZONES));
      }
      req = req.bucket("b" + i, b);
    }
    List<String> keys = req.groupKeys();
    if (chance(25)) {
      req = req.having(chance(50) ? Filters.gte("m0", 1 + rnd.nextInt(2))
          : Filters.or(Filters.isNull("m0"), Filters.lt("m0", 2)));
    }
    if (chance(30)) {
      List<String> partition = new ArrayList<>();
      for (String k : keys) {
        if (chance(40)) {
          partition.add(k);
        }
      }
      Sort by = Sort.by(rnd.nextBoolean() ? SortField.desc("m0") : SortField.asc("m0"));
      req = req.topN(new TopN(partition, by, 1 + rnd.nextInt(3), pick(TopN.Ties.values())));
    }
    List<SortField> sort = new ArrayList<>();
    if (chance(50)) {
      sort.add(rnd.nextBoolean() ? SortField.desc("m0") : SortField.asc("m0"));
    }
    for (String k : keys) {
      sort.add(rnd.nextBoolean() ? SortField.desc(k) : SortField.asc(k));
    }
    return req.orderBy(new Sort(sort));
  }

  /** An inclusion or exclusion list of one to three fields (the key may or may not be listed). */
  Projection projection() {
    java.util.Set<String> fields = new java.util.LinkedHashSet<>();
    int n = 1 + rnd.nextInt(3);
    for (int i = 0; i < n; i++) {
      fields.add(pick(DiffSchema.FIELDS));
    }
    return new Projection(fields, rnd.nextBoolean());
  }

  /** A random field for distinct. */
  String field() {
    return pick(DiffSchema.FIELDS);
  }

  int nextInt(int bound) {
    return rnd.nextInt(bound);
  }
}
