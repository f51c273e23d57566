package io.sqlitekit.tck.fake;

import io.sqlitekit.spi.Capabilities;
import io.sqlitekit.spi.Capability;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.tck.RepoHarness;
import io.sqlitekit.tck.TckDoc;
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

  /** Everything the fake can do: every operation but the raw SQL filter; the caller retries. */
  static Capabilities fakeCapabilities() {
    // The fake implements the classic aggregate only: no buckets, measure filters, top-N or aggregate pages;
    // no lookups. Nor the newer contract's optional operations (claim, transitions, purge, archive, bulkWrite,
    // pipelines, count-free pages): it keeps StandardRepo's refusing defaults.
    return Capabilities.full().without(Capability.RAW_FILTER, Capability.AGGREGATE_EXTENDED, Capability.LOOKUPS,
        Capability.CLAIM, Capability.APPLY_TRANSITION, Capability.PURGE_BY_FILTER,
        Capability.ARCHIVE_BY_FILTER, Capability.BULK_WRITE, Capability.UPDATE_PIPELINE, Capability.PAGE_WITHOUT_COUNT);
  }

  /** Common harness over a fake with given capabilities and defects. */
  abstract static class Base implements RepoHarness {
    private final String name;
    private final Capabilities capabilities;
    private final Set<FakeRepo.Defect> defects;

    Base(String name, Capabilities capabilities, Set<FakeRepo.Defect> defects) {
      this.name = name;
      this.capabilities = capabilities;
      this.defects = defects;
    }

    @Override public String name() {
      return name;
    }

    @Override public Capabilities capabilities() {
      return capabilities;
    }

    @Override public StandardRepo<TckDoc, String> create(TableDef table) {
      CREATED.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
      return new FakeRepo(table, capabilities, defects);
    }

    @Override public void cleanup() {
      CLEANED.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
    }
  }

  /** The correct fake. */
  public static final class Correct extends Base {
    /** Creates the harness. */
    public Correct() {
      super("fake", fakeCapabilities(), Set.of());
    }
  }

  /** A correct fake that supports no optional feature, so every absent-side test runs. */
  public static final class Minimal extends Base {
    /** Creates the harness. */
    public Minimal() {
      super("fake-minimal", Capabilities.none(), Set.of());
    }
  }

  /** {@code ne} matches NULL rows. */
  public static final class NeMatchesNull extends Base {
    /** Creates the harness. */
    public NeMatchesNull() {
      super("broken-ne-null", fakeCapabilities(), Set.of(FakeRepo.Defect.NE_MATCHES_NULL));
    }
  }

  /** {@code in([])} matches everything. */
  public static final class InEmptyMatchesAll extends Base {
    /** Creates the harness. */
    public InEmptyMatchesAll() {
      super("broken-in-empty", fakeCapabilities(), Set.of(FakeRepo.Defect.IN_EMPTY_MATCHES_ALL));
    }
  }

  /** A delete miss throws. */
  public static final class DeleteMissThrows extends Base {
    /** Creates the harness. */
    public DeleteMissThrows() {
      super("broken-delete-miss", fakeCapabilities(), Set.of(FakeRepo.Defect.DELETE_MISS_THROWS));
    }
  }

  /** An update miss throws. */
  public static final class UpdateMissThrows extends Base {
    /** Creates the harness. */
    public UpdateMissThrows() {
      super("broken-update-miss", fakeCapabilities(), Set.of(FakeRepo.Defect.UPDATE_MISS_THROWS));
    }
  }

  /** {@code count} drifts from the stored rows; only the after-each invariants notice. */
  public static final class CountDrift extends Base {
    /** Creates the harness. */
    public CountDrift() {
      super("broken-count-drift", fakeCapabilities(), Set.of(FakeRepo.Defect.COUNT_DRIFT));
    }
  }

  /** The {@code ne} defect, with its failing tests suppressed as a known disagreement. */
  public static final class NeMatchesNullSuppressed extends Base {
    /** Creates the harness. */
    public NeMatchesNullSuppressed() {
      super("broken-ne-null-suppressed", fakeCapabilities(), Set.of(FakeRepo.Defect.NE_MATCHES_NULL));
    }

    @Override public Map<String, String> suppressed() {
      return Map.of("FilterContractTest#parity50_ne_excludesNull", "known: ne matches NULL",
          "FilterContractTest#ne_threeValued_overNullRows", "known: ne matches NULL");
    }
  }

  /** Declares the raw SQL filter, which its repository's capabilities do not report. */
  public static final class LyingCapabilities extends Base {
    /** Creates the harness. */
    public LyingCapabilities() {
      super("lying-capabilities", fakeCapabilities().with(Capability.RAW_FILTER), Set.of());
    }

    @Override public StandardRepo<TckDoc, String> create(TableDef table) {
      return new FakeRepo(table, fakeCapabilities(), Set.of());
    }
  }

  /**
   * Declares less than its repository reports (no {@code STREAMING}): allowed to run, but the repository
   * promises its users a capability the TCK would not certify, which the harness contract test reports.
   */
  public static final class ModestCapabilities extends Base {
    /** Creates the harness. */
    public ModestCapabilities() {
      super("modest-capabilities", fakeCapabilities().without(Capability.STREAMING), Set.of());
    }

    @Override public StandardRepo<TckDoc, String> create(TableDef table) {
      return new FakeRepo(table, fakeCapabilities(), Set.of());
    }
  }
}
