package io.sqlitekit.spi.json;

import java.lang.reflect.Type;

/**
 * Converts values of JSON-mode columns to and from JSON text.
 *
 * <p>Implementations are found by {@link java.util.ServiceLoader} or given to the kit builder. They must be
 * thread-safe. {@link #read} must accept what {@link #write} produced. Failures are
 * {@link JsonCodecException}s.
 *
 * @since 0.1.0
 */
public interface JsonCodec {
  /**
   * Serialises a value to JSON text.
   *
   * @param value the value; never null (NULL columns bypass the codec)
   * @return the JSON text
   * @throws JsonCodecException if the value cannot be serialised
   */
  String write(Object value);

  /**
   * Parses JSON text into a value of the requested type. With {@code Object.class} the result is built
   * from {@code Map<String,Object>} (insertion-ordered), {@code List<Object>}, {@code String},
   * {@code Long} or {@code Double} (or {@code BigDecimal}), {@code Boolean} and null.
   *
   * @param json the JSON text
   * @param type the target type
   * @return the value
   * @throws JsonCodecException if the text is not valid JSON, or does not fit the type
   */
  Object read(String json, Type type);
}
