package io.sqlitekit.plugin.vector.internal;

import io.sqlitekit.plugin.vector.Metric;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Internal, not API, may change. The distance of a stored vector (its little-endian float32 blob) to a query,
 * in double precision, summing in component order.
 */
final class Distances {
  private final Metric metric;
  private final float[] query;
  private final double queryNorm;

  Distances(Metric metric, float[] query) {
    this.metric = metric;
    this.query = query;
    double n = 0;
    for (float f : query) {
      n += (double) f * f;
    }
    this.queryNorm = Math.sqrt(n);
  }

  double queryNorm() {
    return queryNorm;
  }

  double of(byte[] blob) {
    ByteBuffer b = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
    switch (metric) {
      case L2: {
        double sum = 0;
        for (int i = 0; i < query.length; i++) {
          double d = (double) query[i] - b.getFloat(i * Float.BYTES);
          sum += d * d;
        }
        return Math.sqrt(sum);
      }
      case INNER_PRODUCT: {
        double dot = 0;
        for (int i = 0; i < query.length; i++) {
          dot += (double) query[i] * b.getFloat(i * Float.BYTES);
        }
        return -dot;
      }
      case COSINE:
      default: {
        double dot = 0;
        double norm = 0;
        for (int i = 0; i < query.length; i++) {
          double v = b.getFloat(i * Float.BYTES);
          dot += query[i] * v;
          norm += v * v;
        }
        return norm == 0 ? 1.0 : 1.0 - dot / (queryNorm * Math.sqrt(norm));
      }
    }
  }
}
