package io.sqlitekit.core.internal.render;

import static io.sqlitekit.spi.filter.Filters.and;
import static io.sqlitekit.spi.filter.Filters.eq;
import static io.sqlitekit.spi.filter.Filters.exists;
import static io.sqlitekit.spi.filter.Filters.gt;
import static io.sqlitekit.spi.filter.Filters.gte;
import static io.sqlitekit.spi.filter.Filters.in;
import static io.sqlitekit.spi.filter.Filters.like;
import static io.sqlitekit.spi.filter.Filters.likeCaseSensitive;
import static io.sqlitekit.spi.filter.Filters.lt;
import static io.sqlitekit.spi.filter.Filters.lte;
import static io.sqlitekit.spi.filter.Filters.ne;
import static io.sqlitekit.spi.filter.Filters.nin;
import static io.sqlitekit.spi.filter.Filters.not;
import static io.sqlitekit.spi.filter.Filters.or;
import static io.sqlitekit.spi.filter.Filters.raw;
import static io.sqlitekit.spi.filter.Filters.regex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.support.json.MiniJson;
import io.sqlitekit.spi.compile.SqlFragment;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.And;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.MatchAll;
import io.sqlitekit.spi.filter.MatchNone;
import io.sqlitekit.spi.filter.Not;
import io.sqlitekit.spi.filter.Or;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FilterRendererTest {
  static final TableDef T = TableDef.of("t", Column.text("id").primaryKey(), Column.integer("age"),
      Column.bool("active"), Column.timestamp("at"), Column.text("name").sqlName("full_name"));
  final FilterRenderer r = new FilterRenderer(MiniJson.INSTANCE);

  SqlFragment c(Filter f) {
    return r.compile(f, T);
  }

  void pin(Filter f, String sql, Object... params) {
    SqlFragment fr = c(f);
    assertEquals(sql, fr.sql());
    assertEquals(Arrays.asList(params), fr.params());
  }

  @Test
  void comparisonsBindEncodedValues() {
    pin(eq("age", 3), "\"age\" = ?", 3L);
    pin(eq("active", true), "\"active\" = ?", 1L);
    pin(gt("at", Instant.parse("2026-01-01T00:00:00Z")), "\"at\" > ?", "2026-01-01T00:00:00.000Z");
    pin(gte("age", 1), "\"age\" >= ?", 1L);
    pin(lt("age", 1), "\"age\" < ?", 1L);
    pin(lte("age", 1), "\"age\" <= ?", 1L);
    pin(eq("name", "x"), "\"full_name\" = ?", "x");
  }

  @Test
  void nullSemantics() {
    pin(eq("age", null), "\"age\" IS NULL");
    pin(ne("age", null), "\"age\" IS NOT NULL");
    pin(ne("age", 2), "\"age\" <> ?", 2L);
    pin(gt("age", null), "0");
    pin(lte("age", null), "0");
    pin(exists("age", true), "\"age\" IS NOT NULL");
    pin(exists("age", false), "\"age\" IS NULL");
  }

  @Test
  void inAndNin() {
    pin(in("age", List.of()), "0");
    pin(nin("age", List.of()), "1");
    pin(in("age", 1, 2), "\"age\" IN (?, ?)", 1L, 2L);
    pin(in("age", Arrays.asList(1, null)), "\"age\" IN (?)", 1L);
    pin(in("age", Arrays.asList((Object) null)), "0");
    pin(nin("age", 1, 2), "\"age\" NOT IN (?, ?)", 1L, 2L);
    pin(nin("age", Arrays.asList((Object) null)), "\"age\" IS NOT NULL");
  }

  @Test
  void likeAndRegex() {
    pin(like("name", "50\\% off"), "\"full_name\" LIKE ? ESCAPE '\\'", "50\\% off");
    pin(likeCaseSensitive("name", "B%"), "(\"full_name\" LIKE ? ESCAPE '\\' AND \"full_name\" GLOB ?)", "B%", "B*");
    pin(regex("name", "^a", "i"), "\"full_name\" REGEXP ?", "(?i)^a");
    pin(regex("name", "^a"), "\"full_name\" REGEXP ?", "^a");
    assertThrows(ValidationException.class, () -> c(regex("name", "(")));
    // A database without REGEXP (dqlite): refused before any SQL, with the stable unsupported code.
    FilterRenderer noRegexp = new FilterRenderer(MiniJson.INSTANCE, false, false);
    io.sqlitekit.spi.error.OperationNotSupportedException e = assertThrows(
        io.sqlitekit.spi.error.OperationNotSupportedException.class, () -> noRegexp.compile(regex("name", "^a"), T));
    assertTrue(e.getMessage().contains("no REGEXP function"), e.getMessage());
    assertEquals("\"full_name\" LIKE ? ESCAPE '\\'", noRegexp.compile(io.sqlitekit.spi.filter.Filters.like("name", "a%"), T).sql());
  }

  @Test
  void globTranslationEscapesMetacharacters() {
    assertEquals("a*b?c", FilterRenderer.likeToGlob("a%b_c"));
    assertEquals("50%[*][?][[]", FilterRenderer.likeToGlob("50\\%*?["));
    assertEquals("file_name.txt", FilterRenderer.likeToGlob("file\\_name.txt"));
    assertEquals("a\\b", FilterRenderer.likeToGlob("a\\\\b"));
  }

  @Test
  void junctionsSimplify() {
    pin(and(eq("age", 1), eq("id", "a")), "(\"age\" = ? AND \"id\" = ?)", 1L, "a");
    pin(or(eq("age", 1), eq("age", 2)), "(\"age\" = ? OR \"age\" = ?)", 1L, 2L);
    pin(not(eq("age", 1)), "NOT (\"age\" = ?)", 1L);
    pin(new Or(List.of()), "0");
    pin(new And(List.of()), "1");
    pin(new And(List.of(MatchAll.INSTANCE, eq("age", 1))), "\"age\" = ?", 1L);
    pin(new And(List.of(MatchNone.INSTANCE, eq("age", 1))), "0");
    pin(new Or(List.of(MatchAll.INSTANCE, eq("age", 1))), "1");
    pin(new Not(MatchAll.INSTANCE), "0");
    pin(new Not(MatchNone.INSTANCE), "1");
    // validation still reaches children after a short-circuit
    assertThrows(ValidationException.class, () -> c(new And(List.of(MatchNone.INSTANCE, eq("nope", 1)))));
  }

  @Test
  void rawChecksPlaceholdersOutsideLiterals() {
    pin(raw("\"age\" > ? AND \"full_name\" <> '?'", 3), "(\"age\" > ? AND \"full_name\" <> '?')", 3);
    ValidationException e = assertThrows(ValidationException.class, () -> c(raw("\"age\" > ?")));
    assertTrue(e.getMessage().contains("1 placeholder(s) but 0"), e.getMessage());
    assertThrows(ValidationException.class, () -> c(raw("1", 1)));
    pin(raw("\"active\" = ?", true), "(\"active\" = ?)", 1L);
  }

  @Test
  void rawParametersNeverChangeSilently() {
    for (Object bad : new Object[] {Double.NaN, Float.NaN, "x\ud800", java.time.Instant.MAX}) {
      ValidationException e = assertThrows(ValidationException.class, () -> c(raw("\"age\" = ? OR 1 = ?", 1, bad)),
          String.valueOf(bad));
      assertTrue(e.getMessage().contains("parameter 2"), e.getMessage());
    }
    pin(raw("\"at\" < ?", java.time.Instant.parse("2026-01-02T03:04:05.678Z")), "(\"at\" < ?)",
        "2026-01-02T03:04:05.678Z");
  }

  @Test
  void unknownFieldAndWrongTypeAreValidationErrors() {
    ValidationException e = assertThrows(ValidationException.class, () -> c(eq("nope", 1)));
    assertTrue(e.getMessage().contains("\"nope\"") && e.getMessage().contains("\"t\""), e.getMessage());
    assertEquals("nope", e.field());
    assertThrows(ValidationException.class, () -> c(or(eq("age", 1), not(like("nope", "x")))));
    assertThrows(ValidationException.class, () -> c(eq("age", "three")));
    assertThrows(ValidationException.class, () -> c(eq("active", "yes")));
    assertThrows(ValidationException.class, () -> c(in("age", 1, "x")));
  }

  @Test
  void everyPermittedSubclassIsRendered() {
    Map<Class<?>, Filter> samples = Map.ofEntries(
        Map.entry(io.sqlitekit.spi.filter.Eq.class, eq("age", 1)),
        Map.entry(io.sqlitekit.spi.filter.Ne.class, ne("age", 1)),
        Map.entry(io.sqlitekit.spi.filter.Gt.class, gt("age", 1)),
        Map.entry(io.sqlitekit.spi.filter.Gte.class, gte("age", 1)),
        Map.entry(io.sqlitekit.spi.filter.Lt.class, lt("age", 1)),
        Map.entry(io.sqlitekit.spi.filter.Lte.class, lte("age", 1)),
        Map.entry(io.sqlitekit.spi.filter.In.class, in("age", 1)),
        Map.entry(io.sqlitekit.spi.filter.Nin.class, nin("age", 1)),
        Map.entry(io.sqlitekit.spi.filter.Like.class, like("name", "a%")),
        Map.entry(io.sqlitekit.spi.filter.Regex.class, regex("name", "a")),
        Map.entry(io.sqlitekit.spi.filter.Exists.class, exists("age", true)),
        Map.entry(And.class, new And(List.of(eq("age", 1), eq("id", "x")))),
        Map.entry(Or.class, new Or(List.of(eq("age", 1), eq("id", "x")))),
        Map.entry(Not.class, new Not(eq("age", 1))),
        Map.entry(MatchAll.class, MatchAll.INSTANCE),
        Map.entry(MatchNone.class, MatchNone.INSTANCE),
        Map.entry(io.sqlitekit.spi.filter.Raw.class, raw("1 = ?", 1)));
    Set<Class<?>> permitted = new HashSet<>(Arrays.asList(Filter.class.getPermittedSubclasses()));
    assertEquals(permitted, samples.keySet());
    for (Map.Entry<Class<?>, Filter> e : samples.entrySet()) {
      assertEquals(e.getKey(), e.getValue().getClass());
      SqlFragment fr = c(e.getValue());
      assertTrue(!fr.sql().isEmpty(), e.getKey().getSimpleName());
      assertEquals(FilterRenderer.countPlaceholders(fr.sql()), fr.params().size(), e.getKey().getSimpleName());
    }
  }

  String[] shapeOf(Filter f) {
    StringBuilder shape = new StringBuilder();
    java.util.List<Object> params = new java.util.ArrayList<>();
    r.shape(f, TableModel.of(T), null, shape, params);
    StringBuilder sql = new StringBuilder();
    java.util.List<Object> params2 = new java.util.ArrayList<>();
    r.shape(f, TableModel.of(T), sql, new StringBuilder(), params2);
    assertEquals(params, params2, "parameters do not depend on whether SQL is rendered");
    assertEquals(FilterRenderer.countPlaceholders(sql.toString()), params.size());
    return new String[] {shape.toString(), sql.toString()};
  }

  @Test
  void equalShapesRenderEqualSqlAndValuesAreNotPartOfTheShape() {
    assertEquals(shapeOf(eq("age", 1))[0], shapeOf(eq("age", 2))[0]);
    assertEquals(shapeOf(in("age", 1, 2))[0], shapeOf(in("age", 3, 4))[0]);
    assertTrue(!shapeOf(in("age", 1))[0].equals(shapeOf(in("age", 1, 2))[0]), "IN length is part of the shape");
    assertTrue(!shapeOf(eq("age", 1))[0].equals(shapeOf(eq("age", null))[0]), "null-ness is part of the shape");
    assertTrue(!shapeOf(raw("\"age\" = ?", 1))[0].equals(shapeOf(raw("\"age\" > ?", 1))[0]));
    java.util.Random rnd = new java.util.Random(42);
    java.util.Map<String, String> sqlByShape = new java.util.HashMap<>();
    for (int i = 0; i < 3000; i++) {
      String[] r2 = shapeOf(random(rnd, 3));
      String previous = sqlByShape.putIfAbsent(r2[0], r2[1]);
      if (previous != null) {
        assertEquals(previous, r2[1], "shape " + r2[0]);
      }
    }
    assertTrue(sqlByShape.size() > 100);
  }

  static Filter random(java.util.Random rnd, int depth) {
    Object[] ages = {null, 1, 2};
    int k = rnd.nextInt(depth == 0 ? 12 : 17);
    switch (k) {
      case 0: return eq("age", ages[rnd.nextInt(3)]);
      case 1: return ne("age", ages[rnd.nextInt(3)]);
      case 2: return gt("age", ages[rnd.nextInt(3)]);
      case 3: return lte("at", rnd.nextBoolean() ? null : Instant.EPOCH);
      case 4: return in("age", Arrays.asList(Arrays.copyOf(ages, rnd.nextInt(4))));
      case 5: return nin("age", Arrays.asList(Arrays.copyOf(ages, rnd.nextInt(4))));
      case 6: return rnd.nextBoolean() ? like("name", "a%") : likeCaseSensitive("name", "B_");
      case 7: return regex("name", "x", rnd.nextBoolean() ? "i" : "");
      case 8: return exists("age", rnd.nextBoolean());
      case 9: return MatchAll.INSTANCE;
      case 10: return MatchNone.INSTANCE;
      case 11: return raw("\"age\" > ?", rnd.nextInt(5));
      case 12:
      case 13: {
        java.util.List<Filter> cs = new java.util.ArrayList<>();
        for (int i = rnd.nextInt(4); i > 0; i--) {
          cs.add(random(rnd, depth - 1));
        }
        return k == 12 ? new And(cs) : new Or(cs);
      }
      default: return new Not(random(rnd, depth - 1));
    }
  }
}
