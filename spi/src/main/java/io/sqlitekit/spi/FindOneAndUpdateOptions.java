package io.sqlitekit.spi;

import java.util.Objects;

/**
 * Options of {@code findOneAndUpdate}.
 *
 * @param sort which matching row is updated first; unsorted means primary-key order
 * @param returnDocument whether the row before or after the update is returned
 * @param upsert whether to insert a row when nothing matches (equality leaves of the filter, the update's
 *     {@code set} and {@code setOnInsert} values and {@code inc} deltas form the new row)
 * @param expectedVersion optimistic-concurrency version the matched row must have, or null
 * @since 0.1.0
 */
public record FindOneAndUpdateOptions(Sort sort, ReturnDocument returnDocument, boolean upsert,
    Long expectedVersion) {
  /**
   * Validates the options.
   *
   * @throws NullPointerException if {@code sort} or {@code returnDocument} is null
   */
  public FindOneAndUpdateOptions {
    Objects.requireNonNull(sort, "sort");
    Objects.requireNonNull(returnDocument, "returnDocument");
  }

  /**
   * Primary-key order, return the updated row, no upsert, no version check.
   *
   * @return the defaults
   */
  public static FindOneAndUpdateOptions defaults() {
    return new FindOneAndUpdateOptions(Sort.unsorted(), ReturnDocument.AFTER, false, null);
  }

  /**
   * Returns a copy with a sort.
   *
   * @param newSort the sort
   * @return the new options
   */
  public FindOneAndUpdateOptions withSort(Sort newSort) {
    return new FindOneAndUpdateOptions(newSort, returnDocument, upsert, expectedVersion);
  }

  /**
   * Returns a copy returning the given image.
   *
   * @param which before or after
   * @return the new options
   */
  public FindOneAndUpdateOptions returning(ReturnDocument which) {
    return new FindOneAndUpdateOptions(sort, which, upsert, expectedVersion);
  }

  /**
   * Returns a copy with upsert switched on or off.
   *
   * @param newUpsert whether to insert on no match
   * @return the new options
   */
  public FindOneAndUpdateOptions withUpsert(boolean newUpsert) {
    return new FindOneAndUpdateOptions(sort, returnDocument, newUpsert, expectedVersion);
  }

  /**
   * Returns a copy with an expected version.
   *
   * @param version the version
   * @return the new options
   */
  public FindOneAndUpdateOptions ifVersion(long version) {
    return new FindOneAndUpdateOptions(sort, returnDocument, upsert, version);
  }
}
