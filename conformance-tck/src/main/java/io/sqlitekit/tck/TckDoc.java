package io.sqlitekit.tck;

import java.time.Instant;

/**
 * The document type every TCK scenario reads and writes (the reference suite's {@code ConformanceDoc} plus a
 * version for optimistic concurrency). A null component means "not supplied" on insert.
 *
 * @param id the primary key
 * @param name a display name, not null when stored
 * @param email unique among stored rows, not null when stored
 * @param category a grouping key, possibly null
 * @param count a number, possibly null
 * @param active a flag, possibly null
 * @param notes free text, possibly null (LIKE scenarios)
 * @param createdAt the creation instant, possibly null
 * @param version the optimistic-concurrency version
 * @since 0.1.0
 */
public record TckDoc(String id, String name, String email, String category, Long count, Boolean active,
    String notes, Instant createdAt, Long version) {

  /**
   * Returns a copy with another id.
   *
   * @param newId the id
   * @return the copy
   */
  public TckDoc withId(String newId) {
    return new TckDoc(newId, name, email, category, count, active, notes, createdAt, version);
  }

  /**
   * Returns a copy with another name.
   *
   * @param newName the name
   * @return the copy
   */
  public TckDoc withName(String newName) {
    return new TckDoc(id, newName, email, category, count, active, notes, createdAt, version);
  }

  /**
   * Returns a copy with another category.
   *
   * @param newCategory the category, possibly null
   * @return the copy
   */
  public TckDoc withCategory(String newCategory) {
    return new TckDoc(id, name, email, newCategory, count, active, notes, createdAt, version);
  }

  /**
   * Returns a copy with another count.
   *
   * @param newCount the count, possibly null
   * @return the copy
   */
  public TckDoc withCount(Long newCount) {
    return new TckDoc(id, name, email, category, newCount, active, notes, createdAt, version);
  }

  /**
   * Returns a copy with another email.
   *
   * @param newEmail the email
   * @return the copy
   */
  public TckDoc withEmail(String newEmail) {
    return new TckDoc(id, name, newEmail, category, count, active, notes, createdAt, version);
  }

  /**
   * Returns a copy with another active flag.
   *
   * @param newActive the flag, possibly null
   * @return the copy
   */
  public TckDoc withActive(Boolean newActive) {
    return new TckDoc(id, name, email, category, count, newActive, notes, createdAt, version);
  }

  /**
   * Returns a copy with other notes.
   *
   * @param newNotes the notes, possibly null
   * @return the copy
   */
  public TckDoc withNotes(String newNotes) {
    return new TckDoc(id, name, email, category, count, active, newNotes, createdAt, version);
  }

  /**
   * Returns a copy with another creation instant.
   *
   * @param newCreatedAt the instant, possibly null
   * @return the copy
   */
  public TckDoc withCreatedAt(Instant newCreatedAt) {
    return new TckDoc(id, name, email, category, count, active, notes, newCreatedAt, version);
  }

  /**
   * Returns a copy with another version.
   *
   * @param newVersion the version, possibly null
   * @return the copy
   */
  public TckDoc withVersion(Long newVersion) {
    return new TckDoc(id, name, email, category, count, active, notes, createdAt, newVersion);
  }
}
