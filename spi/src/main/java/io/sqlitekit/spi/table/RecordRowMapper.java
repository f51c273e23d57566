package io.sqlitekit.spi.table;

import io.sqlitekit.spi.error.ValidationException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Record mapper built from method handles once per record type.
 *
 * <p>Conversions on read: numbers widen or narrow to the component's numeric type (with an overflow check),
 * {@code Long} 0/1 becomes {@code boolean}, and otherwise the value must be assignable.
 */
final class RecordRowMapper<R extends Record> implements RowMapper<R> {
  private final Class<R> type;
  private final String[] names;
  private final Class<?>[] types;
  // Each component's type boxed, once: the read path converts every value of every row against it.
  private final Class<?>[] boxedTypes;
  private final MethodHandle[] accessors;
  private final MethodHandle constructor;

  private RecordRowMapper(Class<R> type, MethodHandles.Lookup lookup) {
    this.type = type;
    RecordComponent[] comps = type.getRecordComponents();
    names = new String[comps.length];
    types = new Class<?>[comps.length];
    boxedTypes = new Class<?>[comps.length];
    accessors = new MethodHandle[comps.length];
    try {
      for (int i = 0; i < comps.length; i++) {
        names[i] = comps[i].getName();
        types[i] = comps[i].getType();
        boxedTypes[i] = box(types[i]);
        accessors[i] = lookup.unreflect(comps[i].getAccessor())
            .asType(MethodType.methodType(Object.class, Object.class));
      }
      MethodHandle ctor = lookup.findConstructor(type, MethodType.methodType(void.class, types));
      constructor = ctor.asSpreader(Object[].class, comps.length)
          .asType(MethodType.methodType(Object.class, Object[].class));
    } catch (IllegalAccessException e) {
      throw new IllegalArgumentException("record " + type.getName()
          + " is not accessible to sqlitekit; make it public in an exported package or pass MethodHandles.lookup()",
          e);
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException("record " + type.getName() + " has no canonical constructor", e);
    }
  }

  static <R extends Record> RecordRowMapper<R> of(Class<R> type, MethodHandles.Lookup lookup) {
    if (!type.isRecord()) {
      throw new IllegalArgumentException(type.getName() + " is not a record");
    }
    return new RecordRowMapper<>(type, lookup);
  }

  @Override
  public boolean toFieldsReturnsFreshMap() {
    return true;
  }

  @Override
  public Map<String, Object> toFields(R entity) {
    return components(entity, false);
  }

  @Override
  public Map<String, Object> toSuppliedFields(R entity) {
    // A null component is "not supplied": leaving it out here saves a second pass over the map.
    return components(entity, true);
  }

  private Map<String, Object> components(R entity, boolean skipNulls) {
    Map<String, Object> out = new LinkedHashMap<>(names.length * 2);
    try {
      for (int i = 0; i < names.length; i++) {
        Object value = accessors[i].invokeExact((Object) entity);
        if (value != null || !skipNulls) {
          out.put(names[i], value);
        }
      }
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("record accessor failed", t);
    }
    return out;
  }

  @Override
  public R fromFields(Map<String, Object> fields) {
    Object[] args = new Object[names.length];
    for (int i = 0; i < names.length; i++) {
      args[i] = convert(i, fields.get(names[i]));
    }
    try {
      return type.cast(constructor.invokeExact(args));
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("record constructor failed", t);
    }
  }

  @Override
  public java.util.function.Function<Object[], R> fromValues(java.util.List<String> fields) {
    // Precompute where each component's value sits in the row, once per layout.
    int[] slot = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      slot[i] = fields.indexOf(names[i]);
    }
    return values -> {
      Object[] args = new Object[names.length];
      for (int i = 0; i < names.length; i++) {
        args[i] = convert(i, slot[i] < 0 ? null : values[slot[i]]);
      }
      try {
        return type.cast(constructor.invokeExact(args));
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IllegalStateException("record constructor failed", t);
      }
    };
  }

  @Override
  public boolean nullMeansAbsent() {
    return true;
  }

  @Override
  public Class<R> type() {
    return type;
  }

  private Object convert(int component, Object value) {
    Class<?> target = types[component];
    if (value == null) {
      return target.isPrimitive() ? zero(target) : null;
    }
    Class<?> boxed = boxedTypes[component];
    if (boxed.isInstance(value)) {
      return value;
    }
    if (value instanceof Number) {
      Number n = (Number) value;
      if (boxed == Boolean.class) {
        return n.longValue() != 0;
      }
      Object converted = convertNumber(n, boxed);
      if (converted != null) {
        return converted;
      }
    }
    String name = names[component];
    throw new ValidationException(name, String.format(Locale.ROOT,
        "component \"%s\" of %s has type %s and cannot hold a %s", name, type.getSimpleName(),
        target.getSimpleName(), value.getClass().getSimpleName()));
  }

  private static Object convertNumber(Number n, Class<?> boxed) {
    if (boxed == Long.class) {
      return n.longValue();
    } else if (boxed == Integer.class) {
      return Math.toIntExact(n.longValue());
    } else if (boxed == Short.class) {
      long l = n.longValue();
      if (l != (short) l) {
        throw new ArithmeticException("short overflow");
      }
      return (short) l;
    } else if (boxed == Byte.class) {
      long l = n.longValue();
      if (l != (byte) l) {
        throw new ArithmeticException("byte overflow");
      }
      return (byte) l;
    } else if (boxed == Double.class) {
      return n.doubleValue();
    } else if (boxed == Float.class) {
      return n.floatValue();
    } else if (boxed == BigDecimal.class) {
      return n instanceof Double || n instanceof Float ? BigDecimal.valueOf(n.doubleValue())
          : BigDecimal.valueOf(n.longValue());
    } else if (boxed == BigInteger.class) {
      return BigInteger.valueOf(n.longValue());
    } else if (boxed == Number.class || boxed == Object.class) {
      return n;
    }
    return null;
  }

  private static Class<?> box(Class<?> c) {
    if (!c.isPrimitive()) {
      return c;
    }
    if (c == int.class) {
      return Integer.class;
    } else if (c == long.class) {
      return Long.class;
    } else if (c == boolean.class) {
      return Boolean.class;
    } else if (c == double.class) {
      return Double.class;
    } else if (c == float.class) {
      return Float.class;
    } else if (c == short.class) {
      return Short.class;
    } else if (c == byte.class) {
      return Byte.class;
    }
    return Character.class;
  }

  private static Object zero(Class<?> c) {
    if (c == boolean.class) {
      return false;
    } else if (c == char.class) {
      return '\0';
    } else if (c == long.class) {
      return 0L;
    } else if (c == double.class) {
      return 0d;
    } else if (c == float.class) {
      return 0f;
    } else if (c == short.class) {
      return (short) 0;
    } else if (c == byte.class) {
      return (byte) 0;
    }
    return 0;
  }
}
