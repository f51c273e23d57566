package io.sqlitekit.tck;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.sqlitekit.tck.internal.Harnesses;
import io.sqlitekit.tck.internal.ReportListener;
import io.sqlitekit.tck.suite.ContractSuites;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Command-line certification: finds every {@link RepoHarness} through {@code ServiceLoader} (module path or
 * class path), runs the contract suite against each through the JUnit Platform launcher, and prints a report
 * per harness and feature group. The last line is {@code N passed, M failed, K skipped}.
 *
 * <pre>
 * java -p mods -m io.sqlitekit.tck/io.sqlitekit.tck.TckRunner [--harness NAME] [--list]
 * java -cp ... io.sqlitekit.tck.TckRunner [--harness NAME] [--list]
 * </pre>
 *
 * <p>Exit codes: 0 when no test failed, 1 when a test failed, 2 for a usage or discovery problem.
 *
 * @since 0.1.0
 */
public final class TckRunner {
  private TckRunner() {
  }

  /**
   * Runs the TCK and exits with its status.
   *
   * @param args {@code --harness NAME} (repeatable or comma-separated) and {@code --list}
   */
  public static void main(String[] args) {
    System.exit(run(Arrays.asList(args), System.out));
  }

  /**
   * Runs the TCK and returns the exit code instead of exiting.
   *
   * @param args the command-line arguments
   * @param out where the report goes
   * @return 0 when nothing failed, 1 when a test failed, 2 for a usage or discovery problem
   */
  public static int run(List<String> args, PrintStream out) {
    Objects.requireNonNull(args, "args");
    Objects.requireNonNull(out, "out");
    List<String> names = new ArrayList<>();
    boolean list = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if ("--list".equals(a)) {
        list = true;
      } else if ("--harness".equals(a) && i + 1 < args.size()) {
        names.add(args.get(++i));
      } else if (a.startsWith("--harness=")) {
        names.add(a.substring("--harness=".length()));
      } else {
        out.println("usage: TckRunner [--harness NAME]... [--list]   (unknown argument: " + a + ")");
        return 2;
      }
    }
    List<RepoHarness> selected;
    try {
      selected = Harnesses.select(Harnesses.loadAll(), String.join(",", names));
    } catch (IllegalStateException e) {
      out.println("sqlitekit TCK: " + e.getMessage());
      return 2;
    }
    if (list) {
      for (RepoHarness h : selected) {
        out.println(h.name() + "  " + h.capabilities().supported());
      }
      return 0;
    }
    long passed = 0;
    long failed = 0;
    long skipped = 0;
    out.println("sqlitekit TCK certification report");
    for (RepoHarness h : selected) {
      ReportListener report = runOne(h.name());
      out.println();
      out.println("Harness " + h.name() + "  capabilities " + h.capabilities().supported());
      Map<String, String> suppressed = h.suppressed();
      if (!suppressed.isEmpty()) {
        out.println("  suppressed (known disagreements):");
        suppressed.forEach((id, reason) -> out.println("    " + id + ": " + reason));
      }
      long hp = 0;
      long hf = 0;
      long hs = 0;
      for (Map.Entry<String, ReportListener.Group> e : report.groups().entrySet()) {
        ReportListener.Group g = e.getValue();
        out.println(String.format(Locale.ROOT, "  %-36s %4d passed, %d failed, %d skipped", e.getKey(),
            g.passed(), g.failed(), g.skipped()));
        hp += g.passed();
        hf += g.failed();
        hs += g.skipped();
      }
      for (ReportListener.Group g : report.groups().values()) {
        g.failures().forEach(f -> out.println("  FAILED " + f));
      }
      out.println(String.format(Locale.ROOT, "  %s: %d passed, %d failed, %d skipped -> %s", h.name(), hp, hf,
          hs, hf == 0 ? "CERTIFIED" : "NOT CERTIFIED"));
      passed += hp;
      failed += hf;
      skipped += hs;
    }
    out.println();
    out.println(String.format(Locale.ROOT, "%d passed, %d failed, %d skipped", passed, failed, skipped));
    return failed == 0 ? 0 : 1;
  }

  private static ReportListener runOne(String harnessName) {
    DiscoverySelector[] selectors = ContractSuites.classes().stream().map(c -> selectClass(c))
        .toArray(DiscoverySelector[]::new);
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(selectors)
        .configurationParameter(TckConstants.HARNESS, harnessName)
        .build();
    Launcher launcher = LauncherFactory.create();
    ReportListener report = new ReportListener();
    launcher.execute(request, report);
    return report;
  }
}
