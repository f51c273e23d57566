package io.sqlitekit.bench;

import java.time.Instant;

/**
 * The row every system maps to in the benchmarks, so that mapping cost is compared like for like.
 *
 * @param id primary key
 * @param name name
 * @param email unique email
 * @param age age, nullable
 * @param active active flag
 * @param createdAt creation instant (stored as epoch milliseconds)
 * @param organizationId tenant, nullable
 * @param deletedAt soft-delete marker (epoch milliseconds), nullable
 */
public record BenchUser(long id, String name, String email, Integer age, boolean active, Instant createdAt,
    String organizationId, Instant deletedAt) {
}
