package io.sqlitekit.plugin.validation.internal;

import io.sqlitekit.spi.error.ErrorDetail;
import io.sqlitekit.spi.error.Messages;
import io.sqlitekit.spi.error.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Internal, not API, may change. Collects the violations of one call and turns them into one exception.
 *
 * <p>Identical (path, message) pairs are kept once: a record component's constraint can reach the engine
 * through the field and the accessor.
 */
final class Violations {
  /** The summary names at most this many violations; the list carries all of them. */
  private static final int SUMMARY_LIMIT = 10;

  private final Set<List<String>> seen = new LinkedHashSet<>();
  private final List<ErrorDetail> details = new ArrayList<>();

  void add(String path, String code, String message) {
    if (seen.add(List.of(path, message))) {
      details.add(ErrorDetail.of(path, code, message));
    }
  }

  void throwIfAny() {
    if (details.isEmpty()) {
      return;
    }
    StringJoiner summary = new StringJoiner("; ", "validation failed (" + details.size()
        + (details.size() == 1 ? " violation): " : " violations): "), "");
    for (int i = 0; i < Math.min(SUMMARY_LIMIT, details.size()); i++) {
      ErrorDetail d = details.get(i);
      summary.add(Messages.sanitize(d.path()) + " " + d.message());
    }
    if (details.size() > SUMMARY_LIMIT) {
      summary.add("and " + (details.size() - SUMMARY_LIMIT) + " more");
    }
    throw new ValidationException(summary.toString(), details);
  }
}
