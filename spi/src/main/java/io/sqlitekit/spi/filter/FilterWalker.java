package io.sqlitekit.spi.filter;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Read-only helpers over a {@link Filter} tree for plugins and implementations.
 *
 * @since 0.1.0
 */
public final class FilterWalker {
  private FilterWalker() {
  }

  /**
   * Returns every field named anywhere in the filter, in first-seen order. Raw nodes name no field.
   *
   * @param filter the filter
   * @return the field names
   */
  public static Set<String> fields(Filter filter) {
    Set<String> out = new LinkedHashSet<>();
    collect(filter, out);
    return out;
  }

  private static void collect(Filter f, Set<String> out) {
    if (f instanceof And) {
      ((And) f).children().forEach(c -> collect(c, out));
    } else if (f instanceof Or) {
      ((Or) f).children().forEach(c -> collect(c, out));
    } else if (f instanceof Not) {
      collect(((Not) f).child(), out);
    } else {
      String field = fieldOf(f);
      if (field != null) {
        out.add(field);
      }
    }
  }

  /**
   * Returns the field of a leaf node.
   *
   * @param leaf any node
   * @return the field, or null for composite, constant and raw nodes
   */
  public static String fieldOf(Filter leaf) {
    return leaf.accept(FIELD);
  }

  /**
   * Returns whether the filter contains a {@link Raw} node anywhere.
   *
   * @param filter the filter
   * @return true if raw SQL is present
   */
  public static boolean containsRaw(Filter filter) {
    if (filter instanceof Raw) {
      return true;
    } else if (filter instanceof And) {
      return ((And) filter).children().stream().anyMatch(FilterWalker::containsRaw);
    } else if (filter instanceof Or) {
      return ((Or) filter).children().stream().anyMatch(FilterWalker::containsRaw);
    } else if (filter instanceof Not) {
      return containsRaw(((Not) filter).child());
    }
    return false;
  }

  private static final FilterVisitor<String> FIELD = new FilterVisitor<>() {
    @Override public String visitEq(Eq f) { return f.field(); }
    @Override public String visitNe(Ne f) { return f.field(); }
    @Override public String visitGt(Gt f) { return f.field(); }
    @Override public String visitGte(Gte f) { return f.field(); }
    @Override public String visitLt(Lt f) { return f.field(); }
    @Override public String visitLte(Lte f) { return f.field(); }
    @Override public String visitIn(In f) { return f.field(); }
    @Override public String visitNin(Nin f) { return f.field(); }
    @Override public String visitLike(Like f) { return f.field(); }
    @Override public String visitRegex(Regex f) { return f.field(); }
    @Override public String visitExists(Exists f) { return f.field(); }
    @Override public String visitAnd(And f) { return null; }
    @Override public String visitOr(Or f) { return null; }
    @Override public String visitNot(Not f) { return null; }
    @Override public String visitMatchAll(MatchAll f) { return null; }
    @Override public String visitMatchNone(MatchNone f) { return null; }
    @Override public String visitRaw(Raw f) { return null; }
  };
}
