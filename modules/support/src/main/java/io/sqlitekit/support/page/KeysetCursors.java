package io.sqlitekit.support.page;

import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.SortField;
import io.sqlitekit.spi.error.InvalidCursorException;
import io.sqlitekit.spi.error.Messages;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.ColumnMode;
import io.sqlitekit.spi.table.StorageClass;
import io.sqlitekit.spi.table.TableDef;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Encodes and decodes keyset-pagination cursors: opaque strings that carry the sort-key values of the last
 * row of a page, bound to one table and one sort.
 *
 * <p>Format (version 1): the base64url text, without padding, of a small binary payload followed by the
 * first 8 bytes of a SHA-256 digest of that payload. The payload holds the version, the table name, the sort
 * signature (for example {@code -createdAt,id}) and one value per sort key in its stored form
 * ({@link Column#toSql} with no JSON codec: NULL, a 64-bit integer, a double or UTF-8 text). Decoding turns
 * the stored values back into Java values with {@link Column#fromSql}, so an {@code Instant}, enum, UUID or
 * {@code Boolean} sort key round-trips as the same Java type.
 *
 * <p>The digest detects edited, truncated and corrupted cursors; it is not a secret signature. A client that
 * rebuilds a cursor by hand can choose where its next page starts, which gives it nothing it could not get by
 * filtering, because the request's own filter is always applied as well. Cursors are not encrypted either:
 * the sort-key values of the last row can be read from them, so do not sort by a field the caller must not
 * see.
 *
 * <p>JSON and BLOB columns cannot be sort keys of a keyset page; {@link #encode} and {@link #decode} reject
 * them with a {@link ValidationException} naming the field. The sort must contain the primary key, which makes
 * it total.
 *
 * <p>Thread-safe: the class is stateless.
 *
 * @since 0.1.0
 */
public final class KeysetCursors {
  private static final byte VERSION = 1;
  private static final int CHECK_BYTES = 8;
  /** Generous: long text sort keys are legal, but a cursor is never a way to push megabytes at a server. */
  private static final int MAX_CURSOR_CHARS = 1 << 20;
  private static final byte TAG_NULL = 0;
  private static final byte TAG_INTEGER = 1;
  private static final byte TAG_REAL = 2;
  private static final byte TAG_TEXT = 3;
  private static final byte[] DOMAIN = "sqlitekit-keyset-cursor".getBytes(StandardCharsets.US_ASCII);

  private KeysetCursors() {
  }

  /**
   * Encodes the sort-key values of the last row of a page.
   *
   * @param table the table the page was read from
   * @param totalSort the total order of the page (the request's sort with the primary key appended)
   * @param lastRowFields the last row: property key to decoded Java value (as produced by
   *     {@link Column#fromSql}); only the sort fields are read, and a missing key counts as NULL
   * @return the cursor, an ASCII string safe in URLs without further escaping
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the sort is empty or does not contain the primary key
   * @throws ValidationException if a sort field is unknown, is a JSON or BLOB column, or holds a value that
   *     does not fit its column
   */
  public static String encode(TableDef table, Sort totalSort, Map<String, Object> lastRowFields) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(totalSort, "totalSort");
    Objects.requireNonNull(lastRowFields, "lastRowFields");
    List<Column> columns = sortColumns(table, totalSort);
    List<Object> values = new ArrayList<>(columns.size());
    for (Column c : columns) {
      values.add(lastRowFields.get(c.name()));
    }
    return encode(table.name(), "table \"" + table.name() + "\"", totalSort, columns, values);
  }

  /**
   * Encodes a tuple of sort-key values that is not a table row, for example the group keys and measures of an
   * aggregate's last row. The cursor has the format of {@link #encode(TableDef, Sort, Map)}, bound to
   * {@code binding} instead of a table name.
   *
   * @param binding what the cursor is valid for (for example {@code aggregate:orders}); checked on decode
   * @param sort the total order of the tuples
   * @param columns the codec of each sort key, in sort order (not JSON or BLOB)
   * @param values the decoded Java value of each sort key, in sort order; elements may be null
   * @return the cursor
   * @throws IllegalArgumentException if the sizes of sort, columns and values differ
   * @throws ValidationException if a column is JSON or BLOB or a value does not fit its column
   * @since 0.3.0
   */
  public static String encodeTuple(String binding, Sort sort, List<Column> columns, List<Object> values) {
    Objects.requireNonNull(binding, "binding");
    checkTuple(sort, columns);
    if (values.size() != columns.size()) {
      throw new IllegalArgumentException("one value per sort key is needed");
    }
    return encode(binding, Messages.quote(binding), sort, columns, values);
  }

  /**
   * Decodes a cursor made by {@link #encodeTuple}.
   *
   * @param cursor the cursor
   * @param binding what the cursor must have been issued for
   * @param sort the total order of the request being continued
   * @param columns the codec of each sort key, in sort order
   * @return one decoded value per sort key, in order; unmodifiable
   * @throws InvalidCursorException if the cursor is malformed, edited, or issued for another binding or sort
   * @since 0.3.0
   */
  public static List<Object> decodeTuple(String cursor, String binding, Sort sort, List<Column> columns) {
    Objects.requireNonNull(cursor, "cursor");
    Objects.requireNonNull(binding, "binding");
    checkTuple(sort, columns);
    return decode(cursor, binding, Messages.quote(binding), sort, columns);
  }

  private static void checkTuple(Sort sort, List<Column> columns) {
    Objects.requireNonNull(sort, "sort");
    if (sort.isEmpty() || sort.fields().size() != columns.size()) {
      throw new IllegalArgumentException("a cursor needs one column per sort key, and at least one key");
    }
    for (Column c : columns) {
      if (c.mode() == ColumnMode.JSON || c.storage() == StorageClass.BLOB) {
        throw new ValidationException(c.name(), String.format(Locale.ROOT,
            "field %s is a %s value and cannot be a keyset sort key", Messages.quote(c.name()),
            c.mode() == ColumnMode.JSON ? "JSON" : "BLOB"));
      }
    }
  }

  private static String encode(String binding, String label, Sort totalSort, List<Column> columns,
      List<Object> values) {
    Writer w = new Writer();
    w.out.write(VERSION);
    w.text16(binding);
    w.text16(totalSort.toString());
    w.u16(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      Column c = columns.get(i);
      Object stored = c.toSql(values.get(i), null);
      if (stored == null) {
        if (c.isPrimaryKey()) {
          throw new ValidationException(c.name(), String.format(Locale.ROOT,
              "primary key \"%s\" of %s is null in the last row of the page", c.name(), label));
        }
        w.out.write(TAG_NULL);
      } else if (stored instanceof Long) {
        w.out.write(TAG_INTEGER);
        w.i64((Long) stored);
      } else if (stored instanceof Double) {
        w.out.write(TAG_REAL);
        w.i64(Double.doubleToLongBits((Double) stored));
      } else if (stored instanceof String) {
        w.out.write(TAG_TEXT);
        byte[] b = ((String) stored).getBytes(StandardCharsets.UTF_8);
        w.i32(b.length);
        w.out.writeBytes(b);
      } else {
        throw new ValidationException(c.name(),
            "field \"" + c.name() + "\" does not have a storage value that a cursor can carry");
      }
    }
    byte[] payload = w.out.toByteArray();
    byte[] all = Arrays.copyOf(payload, payload.length + CHECK_BYTES);
    System.arraycopy(check(payload, payload.length), 0, all, payload.length, CHECK_BYTES);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(all);
  }

  /**
   * Decodes a cursor into the Java values of the sort's fields, in sort order.
   *
   * @param cursor the cursor returned by {@link #encode} (as {@code next} of the previous page)
   * @param table the table being paged
   * @param totalSort the total order of the request being continued
   * @return one decoded value per sort key, in order; elements may be null, the list is unmodifiable
   * @throws NullPointerException if an argument is null
   * @throws InvalidCursorException if the cursor is empty, too long, not base64url, truncated, edited, of an
   *     unsupported version, issued for another table or another sort, carries the wrong number of values,
   *     or carries a value its column cannot decode
   * @throws IllegalArgumentException if the sort is empty or does not contain the primary key
   * @throws ValidationException if a sort field is unknown or is a JSON or BLOB column
   */
  public static List<Object> decode(String cursor, TableDef table, Sort totalSort) {
    Objects.requireNonNull(cursor, "cursor");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(totalSort, "totalSort");
    List<Column> columns = sortColumns(table, totalSort);
    return decode(cursor, table.name(), "table " + Messages.quote(table.name()), totalSort, columns);
  }

  private static List<Object> decode(String cursor, String binding, String label, Sort totalSort,
      List<Column> columns) {
    if (cursor.isEmpty()) {
      throw new InvalidCursorException("cursor is empty");
    }
    if (cursor.length() > MAX_CURSOR_CHARS) {
      throw new InvalidCursorException(
          String.format(Locale.ROOT, "cursor is longer than %d characters", MAX_CURSOR_CHARS));
    }
    byte[] all;
    try {
      all = Base64.getUrlDecoder().decode(cursor);
    } catch (IllegalArgumentException e) {
      throw new InvalidCursorException("cursor is not valid base64url text");
    }
    // The decoder accepts padding and ignores stray low bits; only the one canonical spelling is a cursor.
    if (!Base64.getUrlEncoder().withoutPadding().encodeToString(all).equals(cursor)) {
      throw new InvalidCursorException("cursor is not valid base64url text without padding");
    }
    if (all.length < 1 + CHECK_BYTES) {
      throw new InvalidCursorException("cursor is truncated");
    }
    if (all[0] != VERSION) {
      throw new InvalidCursorException(String.format(Locale.ROOT,
          "cursor has unsupported version %d; this version reads version %d", all[0] & 0xff, VERSION));
    }
    int payloadLength = all.length - CHECK_BYTES;
    if (!MessageDigest.isEqual(check(all, payloadLength),
        Arrays.copyOfRange(all, payloadLength, all.length))) {
      throw new InvalidCursorException("cursor failed its integrity check: it was edited, truncated or corrupted");
    }
    Reader r = new Reader(ByteBuffer.wrap(all, 1, payloadLength - 1));
    String tableName = r.text16();
    if (!tableName.equals(binding)) {
      throw new InvalidCursorException(String.format(Locale.ROOT,
          "cursor was issued for %s%s, not for %s", label.startsWith("table ") ? "table " : "",
          Messages.quote(tableName), label));
    }
    String signature = r.text16();
    if (!signature.equals(totalSort.toString())) {
      throw new InvalidCursorException(String.format(Locale.ROOT,
          "cursor was issued for sort %s, not for sort %s of %s; start again without a cursor",
          Messages.quote(signature), Messages.quote(totalSort.toString()), label));
    }
    int count = r.u16();
    if (count != columns.size()) {
      throw new InvalidCursorException(String.format(Locale.ROOT,
          "cursor carries %d values but sort %s has %d keys", count, Messages.quote(totalSort.toString()),
          columns.size()));
    }
    List<Object> values = new ArrayList<>(count);
    for (Column c : columns) {
      values.add(decodeValue(r, c, label));
    }
    if (r.in.hasRemaining()) {
      throw new InvalidCursorException("cursor has trailing bytes");
    }
    return Collections.unmodifiableList(values);
  }

  private static Object decodeValue(Reader r, Column c, String label) {
    byte tag = r.u8();
    Object stored;
    switch (tag) {
      case TAG_NULL:
        if (c.isPrimaryKey()) {
          throw undecodable(c, label);
        }
        return null;
      case TAG_INTEGER:
        stored = r.i64();
        break;
      case TAG_REAL:
        stored = Double.longBitsToDouble(r.i64());
        break;
      case TAG_TEXT:
        stored = r.text32();
        break;
      default:
        throw new InvalidCursorException("cursor holds a value of unknown kind for field " + Messages.quote(c.name()));
    }
    if (tag != expectedTag(c)) {
      throw undecodable(c, label);
    }
    try {
      return c.fromSql(stored, null);
    } catch (ValidationException e) {
      throw new InvalidCursorException(String.format(Locale.ROOT,
          "cursor holds a value that field %s of %s cannot decode", Messages.quote(c.name()), label), e);
    }
  }

  private static InvalidCursorException undecodable(Column c, String label) {
    return new InvalidCursorException(String.format(Locale.ROOT,
        "cursor holds a value that does not fit field %s of %s", Messages.quote(c.name()), label));
  }

  private static byte expectedTag(Column c) {
    switch (c.storage()) {
      case INTEGER:
        return TAG_INTEGER;
      case REAL:
        return TAG_REAL;
      case TEXT:
      default:
        return TAG_TEXT;
    }
  }

  private static List<Column> sortColumns(TableDef table, Sort totalSort) {
    if (totalSort.isEmpty()) {
      throw new IllegalArgumentException("a keyset sort needs at least one key (the primary key)");
    }
    List<Column> out = new ArrayList<>(totalSort.fields().size());
    boolean hasPk = false;
    for (SortField f : totalSort.fields()) {
      Column c = table.require(f.field());
      if (c.mode() == ColumnMode.JSON || c.storage() == StorageClass.BLOB) {
        throw new ValidationException(c.name(), String.format(Locale.ROOT,
            "field %s of table %s is a %s column and cannot be a keyset sort key", Messages.quote(c.name()),
            Messages.quote(table.name()),
            c.mode() == ColumnMode.JSON ? "JSON" : "BLOB"));
      }
      hasPk |= c.isPrimaryKey();
      out.add(c);
    }
    if (!hasPk) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "keyset sort %s must contain the primary key %s of table %s to be total",
          Messages.quote(totalSort.toString()), Messages.quote(table.primaryKey().name()),
          Messages.quote(table.name())));
    }
    return out;
  }

  private static byte[] check(byte[] payload, int length) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(DOMAIN);
      sha.update(payload, 0, length);
      return Arrays.copyOf(sha.digest(), CHECK_BYTES);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  /** Big-endian writer for the payload. */
  private static final class Writer {
    final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

    void u16(int v) {
      if (v > 0xffff) {
        throw new IllegalArgumentException("too long for a cursor: " + v);
      }
      out.write(v >>> 8);
      out.write(v);
    }

    void i32(int v) {
      out.write(v >>> 24);
      out.write(v >>> 16);
      out.write(v >>> 8);
      out.write(v);
    }

    void i64(long v) {
      i32((int) (v >>> 32));
      i32((int) v);
    }

    void text16(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      u16(b.length);
      out.writeBytes(b);
    }
  }

  /** Reader that turns every short read into an {@link InvalidCursorException}. */
  private static final class Reader {
    final ByteBuffer in;

    Reader(ByteBuffer in) {
      this.in = in;
    }

    private void need(int n) {
      if (n < 0 || in.remaining() < n) {
        throw new InvalidCursorException("cursor is malformed: it ends in the middle of a value");
      }
    }

    byte u8() {
      need(1);
      return in.get();
    }

    int u16() {
      need(2);
      return in.getShort() & 0xffff;
    }

    long i64() {
      need(8);
      return in.getLong();
    }

    String text16() {
      return utf8(u16());
    }

    String text32() {
      need(4);
      return utf8(in.getInt());
    }

    private String utf8(int length) {
      need(length);
      ByteBuffer slice = in.slice();
      slice.limit(length);
      in.position(in.position() + length);
      try {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(slice).toString();
      } catch (CharacterCodingException e) {
        throw new InvalidCursorException("cursor is malformed: text is not valid UTF-8");
      }
    }
  }
}
