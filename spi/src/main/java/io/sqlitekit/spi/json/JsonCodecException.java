package io.sqlitekit.spi.json;

/**
 * A {@link JsonCodec} could not read or write a value: the text is not valid JSON, does not fit the requested
 * type, or the value has no JSON form. Every codec throws this type, so callers handle the built-in and a
 * library-backed codec alike; the kits turn it into a {@code ValidationException} naming the column.
 *
 * <p>A subclass of {@link IllegalArgumentException}, which {@link JsonCodec} has always declared.
 *
 * @since 0.2.0
 */
public class JsonCodecException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The offset of {@link #offset()} when the problem has no position in a text (writing, type mismatch). */
  public static final long NO_OFFSET = -1L;

  /** Where in the text the problem was found, or {@link #NO_OFFSET}. */
  private final long offset;

  /**
   * Creates the exception.
   *
   * @param message what is wrong, starting with the problem (no JSON text beyond the offending spot)
   * @param offset the character offset into the text, or {@link #NO_OFFSET}
   * @param cause the underlying library's exception, or null
   */
  public JsonCodecException(String message, long offset, Throwable cause) {
    super(message, cause);
    this.offset = offset < 0 ? NO_OFFSET : offset;
  }

  /**
   * Returns where in the text the problem was found.
   *
   * @return a character offset, or {@link #NO_OFFSET}
   */
  public long offset() {
    return offset;
  }
}
