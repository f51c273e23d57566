package io.sqlitekit.plugin.validation;

import io.sqlitekit.plugin.validation.internal.ValidationHooks;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import java.util.Objects;

/**
 * Creates the validation plugin ({@code "validation"}).
 *
 * <p>It runs at {@link io.sqlitekit.spi.plugin.HookPriority#VALIDATION}, after the policy plugins stamped
 * their fields (tenant, timestamps) and before anything reaches the database, on every payload a write
 * carries: the rows of create, createMany, upsert, getOrCreate and an upserting findOneAndUpdate; the
 * {@code set} and {@code unset} parts of update, updateMany, findOneAndUpdate and upsert; and the same
 * statements inside a batch. Writes inside {@code withTransaction} are checked call by call, so a refused
 * call fails before its SQL and the caller's transaction rolls back as for any other error.
 *
 * <p>A refused payload throws one {@link io.sqlitekit.spi.error.ValidationException} whose
 * {@link io.sqlitekit.spi.error.ValidationException#violations() violations} list every offending field
 * (path {@code field}, or {@code rows[i].field} / {@code statements[i].field} for many rows), in table order.
 * Messages never contain the values; a custom constraint message that interpolates
 * {@code ${validatedValue}} would, so avoid that for sensitive fields.
 *
 * <p>Increments ({@code inc}) are not checked: their result depends on the stored value.
 *
 * <pre>{@code
 * SqliteKit kit = SqliteKit.builder().url(url)
 *     .plugin(ValidationPlugin.create(ValidationOptions.defaults().withEntity("users", User.class)))
 *     .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ValidationPlugin {
  /** The name the plugin is enabled by. */
  public static final String NAME = "validation";

  private ValidationPlugin() {
  }

  /**
   * Creates the plugin.
   *
   * @param options the options
   * @return the plugin
   * @throws io.sqlitekit.spi.error.ConfigurationException if entity classes are mapped and no Jakarta
   *     Validation provider is available
   */
  public static RepositoryPlugin create(ValidationOptions options) {
    return new ValidationHooks(Objects.requireNonNull(options, "options"));
  }
}
