package io.sqlitekit.query;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sqlitekit.spi.SortField;
import io.sqlitekit.spi.error.QueryParseException;
import io.sqlitekit.spi.filter.FilterWalker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Throws random and garbage query strings at the parser: each one must give a ParsedQuery that respects the
 * allow-lists and limits, or a QueryParseException. Any other exception (or a result that widens what the
 * options allow) fails with the seed, the index and the query, so a failure is reproducible.
 */
class QueryParserFuzzTest {
  private static final long SEED = 0x5EED_2026L;
  private static final int STRING_CASES = 12_000;
  private static final int MAP_CASES = 3_000;

  private static final String[] NAMES = {"age", "score", "active", "createdAt", "name", "role", "page", "limit",
      "after", "sort", "select", "unknown", "", "a[b]", "search", "populate", "_id", "AGE", "na me", "\u00e9t\u00e9"};
  private static final String[] OPS = {"eq", "ne", "gt", "gte", "lt", "lte", "in", "nin", "like", "contains",
      "startsWith", "endsWith", "exists", "between", "regex", "", "EQ", "foo", "gt][lt", "[", "]"};
  private static final String[] VALUES = {"1", "-1", "0", "18", "1.5", "2e3", "1e999", "NaN", "true", "false", "yes",
      "null", "", "2026-04-01", "2026-04-01T10:15:30Z", "2026-02-30", "2026-04-01T10:15", "1,2", "1,2,3", "a,b",
      ",", "%", "%2", "%zz", "%25", "%C3%A9", "%FF", "%ED%A0%80", "+", "a+b", "(", "[a-z]+", "^.*$", "\\", "'", "\"",
      "\u2603", "\uD83D\uDE00", "\uD800", "\u0000", "-createdAt,name", "name,-age", "-x,y", "AbC-_9", "abc=def",
      "999999999999999999999", "2147483648", "100", "101"};
  private static final char[] JUNK = "&=[]%+,-?#;:/ \t\r\n\u0000aZ09_.~!*'()\u00e9\u2603\uD83D\uDE00\uD800\uDC00"
      .toCharArray();

  private final QueryParser parser = QueryParserTest.PARSER;
  private final QueryOptions options = QueryParserTest.OPTIONS;

  @Test
  void randomAndGarbageQueryStringsGiveAResultOrAQueryParseException() {
    Random rnd = new Random(SEED);
    int parsed = 0;
    int rejected = 0;
    for (int i = 0; i < STRING_CASES; i++) {
      String query;
      switch (i % 4) {
        case 0:
          query = junk(rnd, rnd.nextInt(rnd.nextInt(10) == 0 ? 3000 : 60));
          break;
        case 1:
          query = structured(rnd, true);
          break;
        default:
          query = structured(rnd, false);
          break;
      }
      if (check(() -> parser.parse(query), "string #" + i + " " + describe(query))) {
        parsed++;
      } else {
        rejected++;
      }
    }
    // Both outcomes must be exercised, or the generator is not testing the grammar.
    assertTrue(parsed > 1_000, "parsed " + parsed);
    assertTrue(rejected > 1_000, "rejected " + rejected);
  }

  @Test
  void randomParameterMapsGiveAResultOrAQueryParseException() {
    Random rnd = new Random(SEED + 1);
    int parsed = 0;
    for (int i = 0; i < MAP_CASES; i++) {
      Map<String, List<String>> params = new LinkedHashMap<>();
      int n = rnd.nextInt(5);
      for (int j = 0; j < n; j++) {
        List<String> values = new ArrayList<>();
        int m = rnd.nextInt(8) == 0 ? 0 : 1 + rnd.nextInt(rnd.nextInt(6) == 0 ? 30 : 2);
        for (int k = 0; k < m; k++) {
          values.add(rnd.nextBoolean() ? pick(rnd, VALUES) : junk(rnd, rnd.nextInt(20)));
        }
        params.put(key(rnd), values);
      }
      if (check(() -> parser.parse(params), "map #" + i + " " + describe(params.toString()))) {
        parsed++;
      }
    }
    assertTrue(parsed > 100, "parsed " + parsed);
  }

  private interface Attempt {
    ParsedQuery run();
  }

  /** Returns true when parsed, false when rejected with a QueryParseException; fails on anything else. */
  private boolean check(Attempt attempt, String what) {
    ParsedQuery q;
    try {
      q = attempt.run();
    } catch (QueryParseException e) {
      assertNotNull(e.parameter(), what);
      assertFalse(e.getMessage().isEmpty(), what);
      assertTrue(e.getMessage().length() < 2_000, "message too long for " + what);
      return false;
    } catch (RuntimeException | StackOverflowError e) {
      fail("unexpected " + e + " for " + what, e);
      return false;
    }
    assertNotNull(q, what);
    assertTrue(options.filterFields().keySet().containsAll(FilterWalker.fields(q.filter())), what);
    for (SortField f : q.sort().fields()) {
      assertTrue(options.sortFields().contains(f.field()), what);
    }
    assertTrue(q.limit() >= 1 && q.limit() <= options.maxLimit(), what);
    assertTrue(q.page() >= 1, what);
    return true;
  }

  private static String structured(Random rnd, boolean mostlyValid) {
    StringBuilder sb = new StringBuilder();
    int params = rnd.nextInt(6);
    for (int i = 0; i < params; i++) {
      if (i > 0 || rnd.nextInt(8) == 0) {
        sb.append(rnd.nextInt(20) == 0 ? "&&" : "&");
      }
      sb.append(mostlyValid ? validKey(rnd) : key(rnd));
      if (rnd.nextInt(12) != 0) {
        sb.append('=');
        sb.append(mostlyValid ? pick(rnd, VALUES) : value(rnd));
      }
    }
    return sb.toString();
  }

  private static String validKey(Random rnd) {
    String name = pick(rnd, new String[] {"age", "score", "active", "createdAt", "name", "role", "page", "limit",
        "sort", "select"});
    return rnd.nextBoolean() ? name : name + "[" + pick(rnd, OPS) + "]";
  }

  private static String key(Random rnd) {
    switch (rnd.nextInt(6)) {
      case 0:
        return junk(rnd, rnd.nextInt(12));
      case 1:
        return pick(rnd, NAMES) + "[" + pick(rnd, OPS) + "][" + pick(rnd, OPS) + "]";
      case 2:
        return pick(rnd, NAMES) + "%5B" + pick(rnd, OPS) + "%5D";
      case 3:
        return "x".repeat(rnd.nextInt(400));
      default:
        return pick(rnd, NAMES) + (rnd.nextBoolean() ? "" : "[" + pick(rnd, OPS) + "]");
    }
  }

  private static String value(Random rnd) {
    switch (rnd.nextInt(7)) {
      case 0:
        return junk(rnd, rnd.nextInt(30));
      case 1:
        // Huge values: beyond maxValueLength, the cursor limit, and the regex limit.
        return "9".repeat(rnd.nextInt(10_000));
      case 2:
        return pick(rnd, VALUES) + "," + pick(rnd, VALUES);
      case 3:
        return "%" + Integer.toHexString(rnd.nextInt(256)) + pick(rnd, VALUES);
      case 4:
        return "(".repeat(rnd.nextInt(300));
      default:
        return pick(rnd, VALUES);
    }
  }

  private static String junk(Random rnd, int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      int kind = rnd.nextInt(10);
      if (kind < 6) {
        sb.append(JUNK[rnd.nextInt(JUNK.length)]);
      } else if (kind < 8) {
        sb.append('%').append(Integer.toHexString(rnd.nextInt(256)));
      } else if (kind < 9) {
        sb.appendCodePoint(rnd.nextInt(0x10FFFF + 1));
      } else {
        sb.append((char) rnd.nextInt(0x10000));
      }
    }
    return sb.toString();
  }

  private static String pick(Random rnd, String[] from) {
    return from[rnd.nextInt(from.length)];
  }

  private static String describe(String s) {
    String shown = s.length() > 300 ? s.substring(0, 300) + "...(" + s.length() + " chars)" : s;
    StringBuilder sb = new StringBuilder();
    shown.codePoints().forEach(cp -> {
      if (cp < 0x20 || cp > 0x7e) {
        sb.append(String.format("\\u{%x}", cp));
      } else {
        sb.appendCodePoint(cp);
      }
    });
    return sb.toString();
  }
}
