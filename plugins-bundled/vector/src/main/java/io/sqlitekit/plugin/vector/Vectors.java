package io.sqlitekit.plugin.vector;

import io.sqlitekit.spi.error.ValidationException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * The stored form of an embedding: its float32 components, little-endian, 4 bytes each, in a BLOB. This is
 * also the format sqlite-vec reads, so the same column can feed a {@code vec0} table.
 *
 * @since 0.2.0
 */
public final class Vectors {
  private Vectors() {
  }

  /**
   * Encodes a vector.
   *
   * @param vector the components
   * @return a new array of {@code 4 * vector.length} bytes
   */
  public static byte[] toBlob(float[] vector) {
    Objects.requireNonNull(vector, "vector");
    ByteBuffer b = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : vector) {
      b.putFloat(f);
    }
    return b.array();
  }

  /**
   * Decodes a stored vector.
   *
   * @param blob the stored bytes
   * @return the components
   * @throws ValidationException if the length is not a multiple of 4
   */
  public static float[] fromBlob(byte[] blob) {
    Objects.requireNonNull(blob, "blob");
    if (blob.length % Float.BYTES != 0) {
      throw new ValidationException("vector: a stored embedding of " + blob.length
          + " bytes is not a whole number of float32 components");
    }
    float[] out = new float[blob.length / Float.BYTES];
    ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }
}
