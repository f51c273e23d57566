package io.sqlitekit.support.json;

import io.sqlitekit.spi.json.JsonCodec;
import java.util.Iterator;
import java.util.ServiceConfigurationError;

/**
 * The one rule for choosing a JSON codec, shared by the kits, the migrator and the audit plugin: the first
 * codec {@link java.util.ServiceLoader} found (e.g. {@code sqlitekit-json-jackson} on the path), else the
 * built-in {@link MiniJson}. Callers load the codecs themselves, because only a module that declares
 * {@code uses io.sqlitekit.spi.json.JsonCodec} may.
 *
 * @since 0.2.0
 */
public final class JsonCodecs {
  private JsonCodecs() {
  }

  /**
   * Picks the codec to use.
   *
   * @param found the codecs {@code ServiceLoader} found, in discovery order
   * @return the first one that loads, else {@link MiniJson#INSTANCE}
   */
  public static JsonCodec select(Iterable<JsonCodec> found) {
    Iterator<JsonCodec> it = found.iterator();
    // A codec jar that fails to load must not take JSON columns down with it: the fallback always works.
    for (int failures = 0; failures < 16; failures++) {
      try {
        return it.hasNext() ? it.next() : MiniJson.INSTANCE;
      } catch (ServiceConfigurationError e) {
        // try the next provider
      }
    }
    return MiniJson.INSTANCE;
  }
}
