package io.sqlitekit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.error.RepositoryException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Codec fuzz on a real SQLite file (WAL): random and adversarial values for every column kind go through
 * create and back through getById. Each value must either come back as the codec's contract says (exactly,
 * with instants truncated to the column's declared precision, -0.0 as 0.0 and JSON numbers compared by value)
 * or be refused with a typed {@link RepositoryException} and leave nothing behind; a different value, an
 * untyped exception or a stored refused row is a failure. The counts are printed.
 *
 * <p>Reproducible: {@code -Dsqlitekit.codecfuzz.seed=N} (printed) and {@code -Dsqlitekit.codecfuzz.values}
 * (default 12,000).
 */
final class CodecFuzzIT {
  /** Enum column type. */
  public enum Role { ADMIN, READER, SUPER_USER }

  static final TableDef T = TableDef.of("fuzz", Column.text("id").primaryKey(), Column.integer("i"),
      Column.real("r"), Column.text("t"), Column.blob("b"), Column.bool("flag"), Column.timestamp("iso"),
      Column.timestampMillis("ms"), Column.timestampSeconds("secs"), Column.enumOf("role", Role.class),
      Column.uuid("u"), Column.json("j", Object.class));

  static final Instant ISO_MIN = Instant.parse("0001-01-01T00:00:00Z");
  static final Instant ISO_MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");

  /** Marks a value the codec must refuse. */
  static final Object REFUSED = new Object() {
    @Override
    public String toString() {
      return "<refused>";
    }
  };

  @TempDir
  Path dir;

  /** One generated case: the field, the value written and what the codec contract says comes back. */
  record Case(String field, Object value, Object expected) {
  }

  @Test
  void everyValueRoundTripsExactlyOrIsRefusedWithATypedError() {
    long seed = Long.getLong("sqlitekit.codecfuzz.seed", System.nanoTime());
    int total = Integer.getInteger("sqlitekit.codecfuzz.values", 12_000);
    String rerun = "-Dsqlitekit.codecfuzz.seed=" + seed + " -Dsqlitekit.codecfuzz.values=" + total;
    Gen gen = new Gen(new SplittableRandom(seed));
    List<String> failures = new ArrayList<>();
    Map<String, int[]> perField = new TreeMap<>();
    int roundTripped = 0;
    int refused = 0;
    int refusedAsExpected = 0;
    int untyped = 0;
    long started = System.nanoTime();
    try (SqliteKit kit = Fixtures.builder(dir).build()) {
      kit.createTable(T);
      StandardRepo<Map<String, Object>, Object> docs = kit.documents(T);
      List<Case> cases = gen.cases(total);
      for (int from = 0; from < cases.size(); from += 500) {
        List<Case> chunk = cases.subList(from, Math.min(cases.size(), from + 500));
        int base = from;
        // One write transaction per chunk (the fuzz is about codecs, not fsyncs); each create that fails rolls
        // back only its own savepoint.
        List<Object> outcomes = docs.withTransaction(r -> {
          List<Object> out = new ArrayList<>(chunk.size());
          for (int k = 0; k < chunk.size(); k++) {
            Case c = chunk.get(k);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", "v" + (base + k));
            row.put(c.field(), c.value());
            try {
              r.create(row);
              out.add(Boolean.TRUE);
            } catch (RepositoryException e) {
              out.add(e);
            } catch (RuntimeException e) {
              out.add(new IllegalStateException("untyped " + e, e));
            }
          }
          return out;
        });
        for (int k = 0; k < chunk.size(); k++) {
          Case c = chunk.get(k);
          String id = "v" + (base + k);
          Object outcome = outcomes.get(k);
          int[] counts = perField.computeIfAbsent(c.field(), f -> new int[2]);
          if (outcome instanceof IllegalStateException) {
            untyped++;
            failures.add(id + " " + describe(c) + ": " + ((Exception) outcome).getMessage());
            continue;
          }
          Optional<Map<String, Object>> stored = docs.getById(id);
          if (outcome instanceof RepositoryException) {
            refused++;
            counts[1]++;
            if (c.expected() == REFUSED) {
              refusedAsExpected++;
            } else {
              failures.add(id + " " + describe(c) + ": refused, but the contract says it round-trips: "
                  + ((Exception) outcome).getMessage());
            }
            if (stored.isPresent()) {
              failures.add(id + " " + describe(c) + ": refused, yet a row was stored");
            }
            continue;
          }
          roundTripped++;
          counts[0]++;
          // Not Optional.map: a NULL column reads back as an absent key, and map(...) would turn null into empty.
          Object actual = stored.isPresent() ? stored.get().get(c.field()) : "<no row>";
          if (c.expected() == REFUSED) {
            failures.add(id + " " + describe(c) + ": accepted and read back as " + show(actual)
                + ", but the contract refuses it");
          } else if (!same(c.expected(), actual)) {
            failures.add(id + " " + describe(c) + ": silently changed to " + show(actual) + " (expected "
                + show(c.expected()) + ")");
          }
        }
        if (failures.size() > 20) {
          break;
        }
      }
      assertEquals(roundTripped, docs.count(Filters.all()), "exactly the accepted values are stored");
    }
    StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
        "codec fuzz (%s): %d values in %d ms: %d round-tripped exactly, %d refused with a typed error "
            + "(%d of them values the contract refuses), %d failures; per field [round-tripped/refused]:",
        rerun, roundTripped + refused + untyped, (System.nanoTime() - started) / 1_000_000,
        roundTripped, refused, refusedAsExpected, failures.size()));
    perField.forEach((f, c) -> report.append(' ').append(f).append('=').append(c[0]).append('/').append(c[1]));
    System.out.println(report);
    assertTrue(failures.isEmpty(), () -> report + "\n  " + String.join("\n  ", failures.subList(0,
        Math.min(20, failures.size()))));
    assertTrue(roundTripped + refused >= total, report::toString);
    assertTrue(refused > 0 && roundTripped > total / 2, report::toString);
  }

  private static String describe(Case c) {
    return c.field() + " <- " + show(c.value());
  }

  static String show(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof byte[]) {
      return "byte[" + ((byte[]) v).length + "]";
    }
    String s = v instanceof Double ? Double.toString((Double) v) + "d" : v.toString();
    StringBuilder sb = new StringBuilder(v.getClass().getSimpleName()).append(' ');
    for (int i = 0; i < Math.min(s.length(), 60); i++) {
      char ch = s.charAt(i);
      sb.append(ch < 0x20 || ch > 0x7e ? String.format(Locale.ROOT, "\\u%04x", (int) ch) : String.valueOf(ch));
    }
    return s.length() > 60 ? sb + "...(" + s.length() + " chars)" : sb.toString();
  }

  /** Equality as the codec contract defines it: same type and value; JSON numbers by value. */
  static boolean same(Object expected, Object actual) {
    if (expected == null || actual == null) {
      return expected == actual;
    }
    if (expected instanceof Json) {
      return jsonSame(((Json) expected).tree(), actual);
    }
    if (expected instanceof byte[]) {
      return actual instanceof byte[] && Arrays.equals((byte[]) expected, (byte[]) actual);
    }
    if (expected instanceof Double) {
      return actual instanceof Double && Double.compare((Double) expected, (Double) actual) == 0;
    }
    return expected.getClass() == actual.getClass() && expected.equals(actual);
  }

  /** JSON equality: objects and arrays structurally, numbers by value whatever their Java type. */
  static boolean jsonSame(Object a, Object b) {
    if (a instanceof Number && b instanceof Number) {
      return decimal((Number) a).compareTo(decimal((Number) b)) == 0;
    }
    if (a instanceof Map && b instanceof Map) {
      Map<?, ?> x = (Map<?, ?>) a;
      Map<?, ?> y = (Map<?, ?>) b;
      if (!x.keySet().equals(y.keySet())) {
        return false;
      }
      for (Object k : x.keySet()) {
        if (!jsonSame(x.get(k), y.get(k))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof List && b instanceof List) {
      List<?> x = (List<?>) a;
      List<?> y = (List<?>) b;
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!jsonSame(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    return Objects.equals(a, b);
  }

  private static BigDecimal decimal(Number n) {
    if (n instanceof BigDecimal) {
      return (BigDecimal) n;
    }
    if (n instanceof Double || n instanceof Float) {
      return BigDecimal.valueOf(n.doubleValue());
    }
    return new BigDecimal(n.toString());
  }

  /** The expected value of a JSON column: compared with {@link #jsonSame}, numbers by value. */
  record Json(Object tree) {
  }

  /** Generates cases; about one in four values is adversarial. */
  static final class Gen {
    private final SplittableRandom rnd;

    Gen(SplittableRandom rnd) {
      this.rnd = rnd;
    }

    List<Case> cases(int n) {
      List<Case> out = new ArrayList<>(n);
      String[] fields = {"i", "r", "t", "b", "flag", "iso", "ms", "secs", "role", "u", "j"};
      for (int k = 0; k < n; k++) {
        String f = fields[k % fields.length];
        Case c = rnd.nextInt(50) == 0 ? new Case(f, null, null) : next(f);
        // JSON expectations compare by value; wrap so the generic comparison can use them.
        out.add(f.equals("j") && c.expected() != REFUSED && c.expected() != null
            ? new Case(f, c.value(), new Json(c.expected())) : c);
      }
      return out;
    }

    private boolean adversarial() {
      return rnd.nextInt(4) == 0;
    }

    private Case next(String f) {
      switch (f) {
        case "i":
          return integer();
        case "r":
          return real();
        case "t": {
          String s = text();
          return new Case(f, s, Column.unpairedSurrogate(s) >= 0 ? REFUSED : s);
        }
        case "b": {
          byte[] bytes = new byte[rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(adversarial() ? 70_000 : 40)];
          for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) rnd.nextInt(256);
          }
          return new Case(f, bytes, bytes.clone());
        }
        case "flag":
          return bool();
        case "iso": {
          Instant i = instant();
          return new Case(f, i, i.isBefore(ISO_MIN) || i.isAfter(ISO_MAX) ? REFUSED : i.truncatedTo(ChronoUnit.MILLIS));
        }
        case "ms": {
          Instant i = instant();
          Object expected;
          try {
            expected = Instant.ofEpochMilli(i.toEpochMilli());
          } catch (ArithmeticException e) {
            expected = REFUSED;
          }
          return new Case(f, i, expected);
        }
        case "secs": {
          if (adversarial() && rnd.nextBoolean()) {
            long s = pick(Long.MAX_VALUE, Long.MIN_VALUE, Instant.MAX.getEpochSecond(), Instant.MIN.getEpochSecond(),
                Instant.MAX.getEpochSecond() + 1, Instant.MIN.getEpochSecond() - 1, 0L, -1L);
            boolean inRange = s >= Instant.MIN.getEpochSecond() && s <= Instant.MAX.getEpochSecond();
            return new Case(f, s, inRange ? Instant.ofEpochSecond(s) : REFUSED);
          }
          Instant i = instant();
          return new Case(f, i, Instant.ofEpochSecond(i.getEpochSecond()));
        }
        case "role":
          return role();
        case "u":
          return uuid();
        case "j":
        default:
          return json();
      }
    }

    @SafeVarargs
    private <V> V pick(V... options) {
      return options[rnd.nextInt(options.length)];
    }

    private Case integer() {
      if (!adversarial()) {
        long v = rnd.nextBoolean() ? rnd.nextLong() : rnd.nextLong(-1000, 1000);
        return new Case("i", v, v);
      }
      switch (rnd.nextInt(6)) {
        case 0: {
          long v = pick(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L, 1L << 53, (1L << 53) + 1);
          return new Case("i", v, v);
        }
        case 1: {
          int v = rnd.nextInt();
          return new Case("i", v, (long) v);
        }
        case 2: {
          BigInteger v = BigInteger.valueOf(rnd.nextLong()).multiply(BigInteger.valueOf(rnd.nextInt(1, 4)));
          return new Case("i", v, v.bitLength() <= 63 ? (Object) v.longValue() : REFUSED);
        }
        case 3: {
          double d = pick(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.5, 1e300, -0.0, 42.0,
              9.007199254740993E15);
          boolean integral = !Double.isNaN(d) && !Double.isInfinite(d) && d == Math.rint(d)
              && Math.abs(d) < 9.007199254740992E15;
          return new Case("i", d, integral ? (Object) (long) d : REFUSED);
        }
        case 4: {
          BigDecimal v = pick(new BigDecimal("12"), new BigDecimal("1.5"), new BigDecimal("1e30"),
              new BigDecimal("-9223372036854775808"), new BigDecimal("120E-1"));
          Object expected;
          try {
            expected = v.stripTrailingZeros().scale() <= 0 ? (Object) v.longValueExact() : REFUSED;
          } catch (ArithmeticException e) {
            expected = REFUSED;
          }
          return new Case("i", v, expected);
        }
        default:
          return new Case("i", "12", REFUSED);
      }
    }

    private Case real() {
      if (!adversarial()) {
        double d = rnd.nextBoolean() ? rnd.nextDouble(-1e6, 1e6) : Double.longBitsToDouble(rnd.nextLong());
        return new Case("r", d, Double.isNaN(d) ? REFUSED : d == 0.0 ? 0.0 : d);
      }
      switch (rnd.nextInt(4)) {
        case 0: {
          double d = pick(Double.NaN, -Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
              Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, Double.MIN_NORMAL, Math.PI);
          return new Case("r", d, Double.isNaN(d) ? REFUSED : d == 0.0 ? 0.0 : d);
        }
        case 1: {
          float x = pick(Float.NaN, 0.1f, -0.0f, Float.MAX_VALUE, Float.POSITIVE_INFINITY);
          return new Case("r", x, Float.isNaN(x) ? REFUSED : x == 0.0f ? 0.0 : (double) x);
        }
        case 2: {
          long v = pick(1L << 53, (1L << 53) + 1, Long.MAX_VALUE, Long.MIN_VALUE, 7L, -(1L << 60));
          boolean exact = (double) v != 0x1p63 && (long) (double) v == v;
          return new Case("r", v, exact ? (Object) (double) v : REFUSED);
        }
        default:
          return new Case("r", "1.5", REFUSED);
      }
    }

    private String text() {
      if (!adversarial()) {
        int len = rnd.nextInt(30);
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
          sb.appendCodePoint(rnd.nextInt(4) == 0 ? rnd.nextInt(0x80, 0x2FFFF) : rnd.nextInt(0x20, 0x7f));
        }
        String s = sb.toString();
        return Column.unpairedSurrogate(s) >= 0 ? "plain" : s;
      }
      switch (rnd.nextInt(6)) {
        case 0:
          return pick("\ud800", "a\udc00b", "end\ud83d", "\ude00start", "ok\ud83d\ude00", "\ud800\ud800\udc00");
        case 1:
          return pick("\u0000", "a\u0000b", "\u0000\u0000", "nul at end\u0000");
        case 2:
          return pick("", " ", "\r\n", "\u001b[31m", "\u202e", "\u2028\u2029", "\ufeff", "'; DROP TABLE fuzz; --");
        case 3: {
          StringBuilder sb = new StringBuilder();
          int len = rnd.nextInt(1, 20);
          for (int i = 0; i < len; i++) {
            sb.append((char) rnd.nextInt(0x10000));
          }
          return sb.toString();
        }
        case 4:
          return "x".repeat(rnd.nextInt(20_000, 1_200_000));
        default:
          return "\ud83d\ude00".repeat(rnd.nextInt(1, 5000));
      }
    }

    private Case bool() {
      if (!adversarial()) {
        boolean b = rnd.nextBoolean();
        return new Case("flag", b, b);
      }
      Object v = pick(0L, 1L, 2L, -1L, 0, 1, "true", 1.0, 0.5);
      Object expected = v instanceof Number && !(v instanceof Double && (Double) v != Math.rint((Double) v))
          && (((Number) v).longValue() == 0 || ((Number) v).longValue() == 1) ? (Object) (((Number) v).longValue()
          == 1) : REFUSED;
      return new Case("flag", v, expected);
    }

    private Instant instant() {
      if (!adversarial()) {
        long ms = rnd.nextLong(-62_135_596_800_000L, 253_402_300_799_999L);
        return Instant.ofEpochMilli(ms).plusNanos(rnd.nextBoolean() ? 0 : rnd.nextInt(1_000_000));
      }
      switch (rnd.nextInt(4)) {
        case 0:
          return pick(Instant.MIN, Instant.MAX, Instant.EPOCH, ISO_MIN, ISO_MAX, ISO_MIN.minusNanos(1),
              ISO_MAX.plusNanos(1), Instant.ofEpochMilli(Long.MAX_VALUE), Instant.ofEpochMilli(Long.MIN_VALUE),
              Instant.ofEpochMilli(Long.MAX_VALUE).plusMillis(1), Instant.ofEpochMilli(Long.MIN_VALUE).minusNanos(1));
        case 1:
          return Instant.ofEpochSecond(rnd.nextLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
              rnd.nextInt(1_000_000_000));
        case 2:
          return Instant.ofEpochSecond(rnd.nextLong(-1L << 40, 1L << 40), rnd.nextInt(1_000_000_000));
        default:
          return Instant.ofEpochMilli(rnd.nextLong()).plusNanos(rnd.nextInt(1_000_000));
      }
    }

    private Case role() {
      if (!adversarial()) {
        Role r = Role.values()[rnd.nextInt(Role.values().length)];
        return new Case("role", r, r);
      }
      String s = pick("ADMIN", "admin", "", "READER ", "SUPER_USER", "GUEST", "\ud800");
      Object expected = REFUSED;
      for (Role r : Role.values()) {
        if (r.name().equals(s)) {
          expected = r;
        }
      }
      return new Case("role", s, expected);
    }

    private Case uuid() {
      UUID u = new UUID(rnd.nextLong(), rnd.nextLong());
      if (!adversarial()) {
        return new Case("u", u, u);
      }
      switch (rnd.nextInt(3)) {
        case 0:
          return new Case("u", u.toString().toUpperCase(Locale.ROOT), u);
        case 1:
          return new Case("u", pick("not-a-uuid", "", "123", "\ud800"), REFUSED);
        default:
          return new Case("u", 42L, REFUSED);
      }
    }

    private Case json() {
      Object[] box = {Boolean.FALSE};
      Object tree = jsonValue(0, box);
      return new Case("j", tree, box[0] == Boolean.TRUE ? REFUSED : tree);
    }

    /** A random JSON-able tree; {@code refuse[0]} becomes true when it holds something JSON or SQLite cannot. */
    private Object jsonValue(int depth, Object[] refuse) {
      int kind = depth > 3 ? rnd.nextInt(5) : rnd.nextInt(7);
      switch (kind) {
        case 0:
          return null;
        case 1:
          return rnd.nextBoolean();
        case 2:
          return adversarial() ? (Object) pick(Long.MIN_VALUE, Long.MAX_VALUE, 0L) : (Object) rnd.nextLong();
        case 3: {
          double d = adversarial() ? pick(Double.NaN, Double.POSITIVE_INFINITY, -0.0, 1e300, Double.MIN_VALUE, 1.0)
              : rnd.nextDouble(-1e9, 1e9);
          if (Double.isNaN(d) || Double.isInfinite(d)) {
            refuse[0] = Boolean.TRUE;
          }
          return d;
        }
        case 4: {
          String s = adversarial() ? pick("\ud800", "q\"uote\\", "\u0000", "\u2028", "\ud83d\ude00", "</script>")
              : Long.toString(rnd.nextLong(), 36);
          if (Column.unpairedSurrogate(s) >= 0) {
            refuse[0] = Boolean.TRUE;
          }
          return s;
        }
        case 5: {
          List<Object> l = new ArrayList<>();
          for (int i = rnd.nextInt(4); i > 0; i--) {
            l.add(jsonValue(depth + 1, refuse));
          }
          return l;
        }
        default: {
          Map<String, Object> m = new LinkedHashMap<>();
          for (int i = rnd.nextInt(4); i > 0; i--) {
            String key = adversarial() ? pick("", "k\u0000", "\ud800key", "a.b", "\"") : "k" + rnd.nextInt(100);
            if (m.containsKey(key)) {
              // A repeated key would replace a value already counted in refuse[0] (say a NaN) with another.
              continue;
            }
            if (Column.unpairedSurrogate(key) >= 0) {
              refuse[0] = Boolean.TRUE;
            }
            m.put(key, jsonValue(depth + 1, refuse));
          }
          return m;
        }
      }
    }
  }
}
