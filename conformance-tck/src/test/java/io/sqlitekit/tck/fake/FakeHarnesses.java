package io.sqlitekit.tck.fake;

import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.tck.RepoFeature;
import io.sqlitekit.tck.RepoHarness;
import io.sqlitekit.tck.TckDoc;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Harnesses over {@link FakeRepo} for testing the TCK itself, registered in the test class path's
 * {@code META-INF/services}. Each nested class is one configuration: a correct fake, a correct fake with no
 * optional feature, and one broken variant per {@link FakeRepo.Defect}.
 */
public final class FakeHarnesses {
  private FakeHarnesses() {
  }

  /** Repositories created per harness name, for checking that each test gets a fresh one. */
  public static final Map<String, AtomicInteger> CREATED = new ConcurrentHashMap<>();
  /** Cleanups per harness name, for checking that each created repository is cleaned up. */
  public static final Map<String, AtomicInteger> CLEANED = new ConcurrentHashMap<>();

  /** Everything the fake can do: FULL minus the raw SQL filter. */
  static Set<RepoFeature> fakeFeatures() {
    EnumSet<RepoFeature> f = EnumSet.copyOf(RepoFeature.FULL.implied());
    f.remove(RepoFeature.RAW_FILTER);
    return Set.copyOf(f);
  }

  /** Common harness over a fake with given features and defects. */
  abstract static class Base implements RepoHarness {
    private final String name;
    private final Set<RepoFeature> features;
    private final Set<FakeRepo.Defect> defects;

    Base(String name, Set<RepoFeature> features, Set<FakeRepo.Defect> defects) {
      this.name = name;
      this.features = features;
      this.defects = defects;
    }

    @Override public String name() {
      return name;
    }

    @Override public Set<RepoFeature> features() {
      return features;
    }

    @Override public StandardRepo<TckDoc, String> create(TableDef table) {
      CREATED.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
      return new FakeRepo(table, features, defects);
    }

    @Override public void cleanup() {
      CLEANED.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
    }
  }

  /** The correct fake. */
  public static final class Correct extends Base {
    /** Creates the harness. */
    public Correct() {
      super("fake", fakeFeatures(), Set.of());
    }
  }

  /** A correct fake that supports no optional feature, so every absent-side test runs. */
  public static final class Minimal extends Base {
    /** Creates the harness. */
    public Minimal() {
      super("fake-minimal", Set.of(), Set.of());
    }
  }

  /** {@code ne} matches NULL rows. */
  public static final class NeMatchesNull extends Base {
    /** Creates the harness. */
    public NeMatchesNull() {
      super("broken-ne-null", fakeFeatures(), Set.of(FakeRepo.Defect.NE_MATCHES_NULL));
    }
  }

  /** {@code in([])} matches everything. */
  public static final class InEmptyMatchesAll extends Base {
    /** Creates the harness. */
    public InEmptyMatchesAll() {
      super("broken-in-empty", fakeFeatures(), Set.of(FakeRepo.Defect.IN_EMPTY_MATCHES_ALL));
    }
  }

  /** A delete miss throws. */
  public static final class DeleteMissThrows extends Base {
    /** Creates the harness. */
    public DeleteMissThrows() {
      super("broken-delete-miss", fakeFeatures(), Set.of(FakeRepo.Defect.DELETE_MISS_THROWS));
    }
  }

  /** An update miss throws. */
  public static final class UpdateMissThrows extends Base {
    /** Creates the harness. */
    public UpdateMissThrows() {
      super("broken-update-miss", fakeFeatures(), Set.of(FakeRepo.Defect.UPDATE_MISS_THROWS));
    }
  }

  /** {@code count} drifts from the stored rows; only the after-each invariants notice. */
  public static final class CountDrift extends Base {
    /** Creates the harness. */
    public CountDrift() {
      super("broken-count-drift", fakeFeatures(), Set.of(FakeRepo.Defect.COUNT_DRIFT));
    }
  }

  /** The {@code ne} defect, with its failing tests suppressed as a known disagreement. */
  public static final class NeMatchesNullSuppressed extends Base {
    /** Creates the harness. */
    public NeMatchesNullSuppressed() {
      super("broken-ne-null-suppressed", fakeFeatures(), Set.of(FakeRepo.Defect.NE_MATCHES_NULL));
    }

    @Override public Map<String, String> suppressed() {
      return Map.of("FilterContractTest#parity50_ne_excludesNull", "known: ne matches NULL",
          "FilterContractTest#ne_threeValued_overNullRows", "known: ne matches NULL");
    }
  }

  /** Declares features its repository's capabilities do not have. */
  public static final class LyingCapabilities extends Base {
    /** Creates the harness. */
    public LyingCapabilities() {
      super("lying-capabilities", RepoFeature.FULL.implied(), Set.of());
    }

    @Override public StandardRepo<TckDoc, String> create(TableDef table) {
      return new FakeRepo(table, fakeFeatures(), Set.of());
    }
  }
}
