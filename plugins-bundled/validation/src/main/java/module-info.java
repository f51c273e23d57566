/**
 * The validation plugin ({@code "validation"}): checks every create and update payload against the
 * {@code TableDef} (NOT NULL, column types, enum constants) and against Jakarta Bean Validation annotations
 * on the entity record, before any SQL runs, and reports every violation at once.
 *
 * <p>Entity records whose constraints are checked must be readable by the validation engine by reflection:
 * a named application module {@code opens} the record's package to {@code org.hibernate.validator} (or to
 * the engine it uses).
 *
 * @provides io.sqlitekit.spi.plugin.PluginProvider the {@code "validation"} plugin
 * @since 0.1.0
 */
module io.sqlitekit.plugin.validation {
  // ValidationPlugin.create returns RepositoryPlugin, an spi type.
  requires transitive io.sqlitekit.spi;
  // The engine (Hibernate Validator by default) is found by the API's own ServiceLoader lookup.
  requires jakarta.validation;

  exports io.sqlitekit.plugin.validation;

  provides io.sqlitekit.spi.plugin.PluginProvider
      with io.sqlitekit.plugin.validation.internal.ValidationPluginProvider;
}
