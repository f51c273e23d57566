package io.sqlitekit.dqlite.client.internal;

import java.nio.charset.StandardCharsets;

/**
 * Internal, not API, may change: reads the body of one response message. All integers are little-endian;
 * text and blobs are padded to the word. Decoding errors throw {@link ProtocolException}.
 *
 * <p>Not thread-safe. The backing array is reused by the transport for the next message, so values are
 * copied out (strings, blobs) as they are read.
 */
public final class MessageReader {
  private byte[] buf = new byte[0];
  private int pos;
  private int limit;

  /** Creates a reader over nothing; the transport points it at each received body. */
  public MessageReader() {}

  void reset(byte[] body, int length) {
    this.buf = body;
    this.pos = 0;
    this.limit = length;
  }

  private void need(int n) throws ProtocolException {
    if (n < 0 || limit - pos < n) {
      throw new ProtocolException("message body too short: need " + n + " bytes at offset " + pos
          + " of " + limit);
    }
  }

  /** Bytes left in the body. */
  public int remaining() {
    return limit - pos;
  }

  /** Current read offset in the body. */
  public int position() {
    return pos;
  }

  /** Reads one byte as an unsigned value. */
  public int u8() throws ProtocolException {
    need(1);
    return buf[pos++] & 0xFF;
  }

  /** Returns the byte at an absolute body offset without moving. */
  public int peekU8(int offset) throws ProtocolException {
    if (offset < 0 || offset >= limit) {
      throw new ProtocolException("offset " + offset + " outside a body of " + limit + " bytes");
    }
    return buf[offset] & 0xFF;
  }

  /** Reads a little-endian unsigned 32-bit integer. */
  public long u32() throws ProtocolException {
    need(4);
    long v = 0;
    for (int i = 0; i < 4; i++) {
      v |= (long) (buf[pos++] & 0xFF) << (8 * i);
    }
    return v;
  }

  /** Reads a little-endian 64-bit integer. */
  public long u64() throws ProtocolException {
    need(8);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v |= (long) (buf[pos++] & 0xFF) << (8 * i);
    }
    return v;
  }

  /** Returns the next 64-bit word without consuming it. */
  public long peekU64() throws ProtocolException {
    int save = pos;
    long v = u64();
    pos = save;
    return v;
  }

  /** Reads an IEEE 754 double. */
  public double f64() throws ProtocolException {
    return Double.longBitsToDouble(u64());
  }

  /** Skips {@code n} bytes. */
  public void skip(int n) throws ProtocolException {
    need(n);
    pos += n;
  }

  /** Moves to the next word boundary. */
  public void align() throws ProtocolException {
    skip(Wire.pad(pos) - pos);
  }

  /** Reads NUL-terminated UTF-8 text and its padding. */
  public String text() throws ProtocolException {
    int end = pos;
    while (end < limit && buf[end] != 0) {
      end++;
    }
    if (end >= limit) {
      throw new ProtocolException("text without NUL terminator at offset " + pos);
    }
    String s = new String(buf, pos, end - pos, StandardCharsets.UTF_8);
    pos = end + 1;
    align();
    return s;
  }

  /** Reads a blob (64-bit length, bytes, padding). */
  public byte[] blob() throws ProtocolException {
    long n = u64();
    if (n < 0 || n > remaining()) {
      throw new ProtocolException("blob length " + n + " exceeds the " + remaining() + " bytes left");
    }
    byte[] b = new byte[(int) n];
    System.arraycopy(buf, pos, b, 0, b.length);
    pos += b.length;
    align();
    return b;
  }
}
