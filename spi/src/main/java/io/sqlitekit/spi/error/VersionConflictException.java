package io.sqlitekit.spi.error;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An optimistic-concurrency write found the row at a different version than expected; nothing was
 * written.
 *
 * @since 0.1.0
 */
public final class VersionConflictException extends RepositoryException {
  private static final long serialVersionUID = 1L;

  private final String id;
  private final long expectedVersion;
  private final Long actualVersion;

  /**
   * Creates the exception.
   *
   * @param id the row's primary key rendered as text
   * @param expectedVersion the version the caller expected
   * @param actualVersion the version found, or null if unknown
   */
  public VersionConflictException(String id, long expectedVersion, Long actualVersion) {
    super(ErrorCode.VERSION_CONFLICT, String.format(java.util.Locale.ROOT,
        "Version conflict on %s: expected v%d%s", Messages.quote(Objects.requireNonNull(id, "id")), expectedVersion,
        actualVersion == null ? "" : ", found v" + actualVersion));
    this.id = id;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }

  /**
   * Returns the primary key of the contested row.
   *
   * @return the id as text
   */
  public String id() {
    return id;
  }

  /**
   * Returns the version the caller expected.
   *
   * @return the expected version
   */
  public long expectedVersion() {
    return expectedVersion;
  }

  /**
   * Returns the version found in the database.
   *
   * @return the actual version, or null if unknown
   */
  public Long actualVersion() {
    return actualVersion;
  }

  @Override
  protected Map<String, Object> meta() {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("expectedVersion", expectedVersion);
    if (actualVersion != null) {
      meta.put("actualVersion", actualVersion);
    }
    return meta;
  }
}
