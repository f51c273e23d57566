package io.sqlitekit.plugin.cache.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Internal, not API, may change. Encodes values into cache-key text injectively: two inputs get the same
 * text only if they are equal values of the same types.
 *
 * <p>Grammar: every item starts with a one-letter tag; free text is length-prefixed ({@code <len>:<chars>}),
 * and composites state their element count, so no item is a prefix of another and concatenations decode
 * uniquely. Only types whose {@code toString} is lossless are accepted as scalars; records are walked through
 * their components; sets and maps are encoded in sorted order of their encoded elements, because their
 * equality ignores order. Anything else makes the value unencodable, and the call is not cached.
 *
 * <p>Substitutions stand a stable text in for given objects, matched by identity (tag {@code T}): a time-variant
 * filter part is keyed by its rule, not by the instant it was built for.
 */
final class KeyEncoder {
  private KeyEncoder() {
  }

  /** Thrown when a value cannot be encoded safely. */
  static final class Unencodable extends Exception {
    private static final long serialVersionUID = 1L;

    Unencodable(Class<?> type) {
      super("no injective key encoding for " + type.getName(), null, false, false);
    }
  }

  static String encode(Object value) throws Unencodable {
    return encode(value, Map.of());
  }

  /**
   * Encodes a value, writing the text mapped to an object in its place wherever that very object occurs.
   *
   * @param substitutions object to the text that stands for it; an {@link java.util.IdentityHashMap} when not
   *     empty
   */
  static String encode(Object value, Map<Object, String> substitutions) throws Unencodable {
    StringBuilder sb = new StringBuilder(64);
    append(sb, value, substitutions);
    return sb.toString();
  }

  private static void append(StringBuilder sb, Object v, Map<Object, String> subs) throws Unencodable {
    String standIn = subs.isEmpty() || v == null ? null : subs.get(v);
    if (standIn != null) {
      text(sb.append('T'), standIn);
    } else if (v == null) {
      sb.append('n');
    } else if (v instanceof String) {
      text(sb.append('s'), (String) v);
    } else if (v instanceof Boolean) {
      sb.append((Boolean) v ? 't' : 'f');
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
        || v instanceof Double || v instanceof Float || v instanceof BigDecimal || v instanceof BigInteger
        || v instanceof Character || v instanceof UUID
        || (v instanceof TemporalAccessor && v.getClass().getName().startsWith("java.time."))
        || v instanceof java.time.Duration) {
      // Numbers keep their type: 1 and 1L are different keys (a lost hit at worst, never a collision).
      text(sb.append('v'), v.getClass().getName());
      text(sb, v.toString());
    } else if (v instanceof Enum) {
      text(sb.append('e'), ((Enum<?>) v).getDeclaringClass().getName());
      text(sb, ((Enum<?>) v).name());
    } else if (v instanceof byte[]) {
      byte[] b = (byte[]) v;
      sb.append('x').append(b.length).append(':');
      for (byte x : b) {
        sb.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
      }
    } else if (v instanceof Optional) {
      Optional<?> o = (Optional<?>) v;
      if (o.isPresent()) {
        append(sb.append('O'), o.get(), subs);
      } else {
        sb.append('o');
      }
    } else if (v instanceof Set) {
      List<String> parts = new ArrayList<>();
      for (Object e : (Set<?>) v) {
        parts.add(encode(e, subs));
      }
      parts.sort(null);
      sb.append('S').append(parts.size()).append(':');
      parts.forEach(sb::append);
    } else if (v instanceof Map) {
      List<String> parts = new ArrayList<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        // Each key encoding is prefix-free, so key+value concatenations sort and decode uniquely.
        parts.add(encode(e.getKey(), subs) + encode(e.getValue(), subs));
      }
      parts.sort(null);
      sb.append('M').append(parts.size()).append(':');
      parts.forEach(sb::append);
    } else if (v instanceof Collection) {
      Collection<?> c = (Collection<?>) v;
      sb.append('L').append(c.size()).append(':');
      for (Object e : c) {
        append(sb, e, subs);
      }
    } else if (v.getClass().isRecord()) {
      RecordComponent[] components = v.getClass().getRecordComponents();
      text(sb.append('R'), v.getClass().getName());
      sb.append(components.length).append(':');
      for (RecordComponent c : components) {
        try {
          append(sb, c.getAccessor().invoke(v), subs);
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
          throw new Unencodable(v.getClass());
        }
      }
    } else {
      throw new Unencodable(v.getClass());
    }
  }

  private static StringBuilder text(StringBuilder sb, String s) {
    return sb.append(s.length()).append(':').append(s);
  }
}
