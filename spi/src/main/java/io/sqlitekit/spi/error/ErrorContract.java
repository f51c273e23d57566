package io.sqlitekit.spi.error;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The flat error shape a web layer returns to clients, produced by {@link RepositoryException#toContract()}.
 *
 * @param code the stable wire code, for example {@code "duplicate_key"}
 * @param message a message safe to show to clients (no bound values, no row data)
 * @param status the HTTP status
 * @param details per-field details; never null, possibly empty
 * @param meta extra structured information; never null, possibly empty
 * @since 0.1.0
 */
public record ErrorContract(String code, String message, int status, List<ErrorDetail> details,
    Map<String, Object> meta) {
  /**
   * Validates and copies the components.
   *
   * @throws NullPointerException if any reference component is null
   */
  public ErrorContract {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    details = List.copyOf(Objects.requireNonNull(details, "details"));
    meta = Map.copyOf(Objects.requireNonNull(meta, "meta"));
  }

  /**
   * Builds the contract for any throwable: repository exceptions keep their code and status; anything
   * else becomes {@code internal_error} / 500 with a generic message, so internals never leak to clients.
   *
   * @param error the failure
   * @return the contract
   * @throws NullPointerException if {@code error} is null
   */
  public static ErrorContract of(Throwable error) {
    Objects.requireNonNull(error, "error");
    if (error instanceof RepositoryException) {
      return ((RepositoryException) error).toContract();
    }
    return new ErrorContract("internal_error", "Internal error", 500, List.of(), Map.of());
  }
}
