package io.sqlitekit.tck;

import io.sqlitekit.spi.Capabilities;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * An optional capability of a repository that gates TCK scenarios. Each simple feature maps to one flag of
 * {@link Capabilities}; {@link #FULL} is a compound feature that implies every simple one.
 *
 * @since 0.1.0
 */
public enum RepoFeature {
  /** {@code withTransaction} is atomic. */
  TRANSACTIONS,
  /** Nested {@code withTransaction} uses savepoints. */
  NESTED_TRANSACTIONS,
  /** {@code upsert} and {@code findOneAndUpdate} with upsert. */
  UPSERT,
  /** Unique violations raise {@code DuplicateKeyException}. */
  DUPLICATE_KEY_ERROR,
  /** {@code distinct}. */
  DISTINCT,
  /** {@code aggregate}. */
  AGGREGATE,
  /** {@code getOrCreate}. */
  GET_OR_CREATE,
  /** {@code count} and {@code exists}. */
  COUNT_AND_EXISTS,
  /** Expected-version writes. */
  OPTIMISTIC_CONCURRENCY,
  /** Keyset {@code getAll}. */
  KEYSET_PAGINATION,
  /** {@code stream}. */
  STREAMING,
  /** The {@code Regex} filter. */
  REGEX_FILTER,
  /** The {@code Raw} filter. */
  RAW_FILTER,
  /** {@code batch}. */
  BATCH,
  /** Compound: every feature above. */
  FULL;

  /**
   * Returns whether this is a compound feature.
   *
   * @return true for {@link #FULL}
   */
  public boolean isCompound() {
    return this == FULL;
  }

  /**
   * Returns the simple features this feature stands for: itself, or every simple feature for a compound.
   *
   * @return an unmodifiable set of simple features
   */
  public Set<RepoFeature> implied() {
    if (this == FULL) {
      EnumSet<RepoFeature> all = EnumSet.allOf(RepoFeature.class);
      all.remove(FULL);
      return Set.copyOf(all);
    }
    return Set.of(this);
  }

  /**
   * Expands compound features into the simple features they imply.
   *
   * @param features any features
   * @return the simple features, unmodifiable
   */
  public static Set<RepoFeature> expand(Collection<RepoFeature> features) {
    Objects.requireNonNull(features, "features");
    EnumSet<RepoFeature> out = EnumSet.noneOf(RepoFeature.class);
    for (RepoFeature f : features) {
      out.addAll(Objects.requireNonNull(f, "feature").implied());
    }
    return Set.copyOf(out);
  }

  /**
   * Returns the simple features a capability descriptor declares.
   *
   * @param c the capabilities
   * @return the simple features, unmodifiable
   */
  public static Set<RepoFeature> fromCapabilities(Capabilities c) {
    Objects.requireNonNull(c, "capabilities");
    EnumSet<RepoFeature> out = EnumSet.noneOf(RepoFeature.class);
    add(out, c.transactions(), TRANSACTIONS);
    add(out, c.nestedTransactions(), NESTED_TRANSACTIONS);
    add(out, c.upsert(), UPSERT);
    add(out, c.duplicateKeyError(), DUPLICATE_KEY_ERROR);
    add(out, c.distinct(), DISTINCT);
    add(out, c.aggregate(), AGGREGATE);
    add(out, c.getOrCreate(), GET_OR_CREATE);
    add(out, c.countAndExists(), COUNT_AND_EXISTS);
    add(out, c.optimisticConcurrency(), OPTIMISTIC_CONCURRENCY);
    add(out, c.keysetPagination(), KEYSET_PAGINATION);
    add(out, c.streaming(), STREAMING);
    add(out, c.regexFilter(), REGEX_FILTER);
    add(out, c.rawFilter(), RAW_FILTER);
    add(out, c.batch(), BATCH);
    return Set.copyOf(out);
  }

  /**
   * Builds the capability descriptor that declares exactly these features.
   *
   * @param features the features (compounds are expanded)
   * @param managedRetry the {@link Capabilities#managedRetry()} flag, which no feature covers
   * @return the capabilities
   */
  public static Capabilities toCapabilities(Collection<RepoFeature> features, boolean managedRetry) {
    Set<RepoFeature> f = expand(features);
    return new Capabilities(f.contains(TRANSACTIONS), f.contains(NESTED_TRANSACTIONS), f.contains(UPSERT),
        f.contains(DUPLICATE_KEY_ERROR), f.contains(DISTINCT), f.contains(AGGREGATE), f.contains(GET_OR_CREATE),
        f.contains(COUNT_AND_EXISTS), f.contains(OPTIMISTIC_CONCURRENCY), f.contains(KEYSET_PAGINATION),
        f.contains(STREAMING), f.contains(REGEX_FILTER), f.contains(RAW_FILTER), f.contains(BATCH), managedRetry);
  }

  private static void add(Set<RepoFeature> out, boolean flag, RepoFeature f) {
    if (flag) {
      out.add(f);
    }
  }
}
