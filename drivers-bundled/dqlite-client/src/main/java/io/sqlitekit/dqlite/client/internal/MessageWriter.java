package io.sqlitekit.dqlite.client.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Internal, not API, may change: builds one request message (8-byte header, then a body of whole words)
 * in a reusable, growable buffer. All integers are little-endian.
 *
 * <p>Not thread-safe: one writer per connection.
 */
public final class MessageWriter {
  private byte[] buf = new byte[512];
  private int pos;
  private int type = -1;

  /** Creates an empty writer. */
  public MessageWriter() {
    reset();
  }

  /** Forgets the previous message and reserves room for the header. */
  public MessageWriter reset() {
    pos = Wire.WORD;
    type = -1;
    return this;
  }

  private void ensure(int more) {
    if (pos + more > buf.length) {
      long want = Math.max((long) buf.length * 2, (long) pos + more);
      if (want > Integer.MAX_VALUE - 16) {
        throw new IllegalArgumentException("request too large for one message: " + want + " bytes");
      }
      buf = Arrays.copyOf(buf, (int) want);
    }
  }

  /** Appends one byte. */
  public MessageWriter putU8(int v) {
    ensure(1);
    buf[pos++] = (byte) v;
    return this;
  }

  /** Appends a little-endian 32-bit integer. */
  public MessageWriter putU32(long v) {
    ensure(4);
    for (int i = 0; i < 4; i++) {
      buf[pos++] = (byte) (v >>> (8 * i));
    }
    return this;
  }

  /** Appends a little-endian 64-bit integer. */
  public MessageWriter putU64(long v) {
    ensure(8);
    for (int i = 0; i < 8; i++) {
      buf[pos++] = (byte) (v >>> (8 * i));
    }
    return this;
  }

  /** Appends an IEEE 754 double as one word. */
  public MessageWriter putDouble(double v) {
    return putU64(Double.doubleToRawLongBits(v));
  }

  /** Zero-pads the body to the next word boundary. */
  public MessageWriter pad() {
    int target = Wire.pad(pos);
    ensure(target - pos);
    Arrays.fill(buf, pos, target, (byte) 0);
    pos = target;
    return this;
  }

  /**
   * Appends text: its UTF-8 bytes, a NUL, zero padding to the word.
   *
   * @throws IllegalArgumentException if the text contains U+0000, which the server would silently cut
   *     the text at
   */
  public MessageWriter putText(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    for (byte x : b) {
      if (x == 0) {
        throw new IllegalArgumentException(
            "text contains the NUL character (U+0000), which dqlite would truncate at; bind it as a blob");
      }
    }
    ensure(b.length + 1);
    System.arraycopy(b, 0, buf, pos, b.length);
    pos += b.length;
    buf[pos++] = 0;
    return pad();
  }

  /** Appends a blob: a 64-bit length, the bytes, zero padding to the word. */
  public MessageWriter putBlob(byte[] b) {
    putU64(b.length);
    ensure(b.length);
    System.arraycopy(b, 0, buf, pos, b.length);
    pos += b.length;
    return pad();
  }

  /**
   * Appends a parameter tuple. Nothing is written for zero parameters (the protocol leaves the tuple out).
   * Values must already be normalised: {@code Long} for codes 1 and 11, {@code Double} for 2,
   * {@code String} for 3 and 10, {@code byte[]} for 4, {@code null} for 5.
   *
   * @param types one type code per parameter
   * @param values the values, in order
   * @param wide whether to use the four-byte count of request schema 1 (else a one-byte count)
   * @throws IllegalArgumentException if the narrow form is asked for more than 255 parameters, or a value
   *     does not match its code
   */
  public MessageWriter putParams(byte[] types, List<?> values, boolean wide) {
    int n = types.length;
    if (n != values.size()) {
      throw new IllegalArgumentException(n + " type codes for " + values.size() + " values");
    }
    if (n == 0) {
      return this;
    }
    if (wide) {
      putU32(n);
    } else {
      if (n > Wire.NARROW_MAX_PARAMS) {
        throw new IllegalArgumentException(n + " parameters need the wide tuple schema");
      }
      putU8(n);
    }
    ensure(n);
    System.arraycopy(types, 0, buf, pos, n);
    pos += n;
    pad();
    for (int i = 0; i < n; i++) {
      Object v = values.get(i);
      switch (types[i]) {
        case Wire.TYPE_INTEGER:
        case Wire.TYPE_BOOLEAN:
          putU64((Long) v);
          break;
        case Wire.TYPE_FLOAT:
          putDouble((Double) v);
          break;
        case Wire.TYPE_TEXT:
        case Wire.TYPE_ISO8601:
          putText((String) v);
          break;
        case Wire.TYPE_BLOB:
          putBlob((byte[]) v);
          break;
        case Wire.TYPE_NULL:
          putU64(0);
          break;
        default:
          throw new IllegalArgumentException("type code " + types[i] + " cannot be sent as a parameter");
      }
    }
    return this;
  }

  /**
   * Writes the header for the body appended so far and remembers the type.
   *
   * @param messageType the request type
   * @param schema the schema revision (header byte 5)
   * @return this writer
   * @throws IllegalStateException if the body is empty, which the protocol does not allow
   */
  public MessageWriter finish(int messageType, int schema) {
    int body = pos - Wire.WORD;
    if (body <= 0 || body % Wire.WORD != 0) {
      throw new IllegalStateException("message body must be a positive number of words, was " + body);
    }
    long words = body / Wire.WORD;
    for (int i = 0; i < 4; i++) {
      buf[i] = (byte) (words >>> (8 * i));
    }
    buf[4] = (byte) messageType;
    buf[5] = (byte) schema;
    buf[6] = 0;
    buf[7] = 0;
    type = messageType;
    return this;
  }

  /** The request type of the finished message, or -1 if not finished. */
  public int type() {
    return type;
  }

  /** The backing array; the message is {@code array()[0 .. length())}. */
  public byte[] array() {
    return buf;
  }

  /** Length of the message in bytes, header included. */
  public int length() {
    return pos;
  }
}
