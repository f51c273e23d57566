package io.sqlitekit.plugin.validation.internal;

import io.sqlitekit.plugin.validation.ValidationOptions;
import io.sqlitekit.plugin.validation.ValidationPlugin;
import io.sqlitekit.spi.BatchStatement;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.plugin.HookContext;
import io.sqlitekit.spi.plugin.HookPriority;
import io.sqlitekit.spi.plugin.HookRegistry;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Internal, not API, may change. The validation plugin's hooks: one before-hook at VALIDATION priority on
 * every operation that carries a payload.
 */
public final class ValidationHooks implements RepositoryPlugin {
  private static final Set<Operation> PAYLOAD_OPERATIONS = EnumSet.of(Operation.CREATE, Operation.CREATE_MANY,
      Operation.UPSERT, Operation.GET_OR_CREATE, Operation.FIND_ONE_AND_UPDATE, Operation.UPDATE,
      Operation.UPDATE_MANY, Operation.BATCH);

  private final ValidationOptions options;
  private final Validator validator;

  /**
   * Creates the plugin.
   *
   * @param options the options
   * @throws ConfigurationException if entities are mapped and no Jakarta Validation provider is found
   */
  public ValidationHooks(ValidationOptions options) {
    this.options = options;
    this.validator = options.entities().isEmpty() ? null : engine();
  }

  private static Validator engine() {
    try {
      // The factory holds no threads or files; it lives as long as the plugin.
      ValidatorFactory factory = Validation.buildDefaultValidatorFactory();
      return factory.getValidator();
    } catch (RuntimeException e) {
      throw new ConfigurationException("validation plugin: no usable Jakarta Validation engine (add "
          + "org.hibernate.validator:hibernate-validator and an expression language such as "
          + "org.glassfish.expressly:expressly): " + e.getMessage(), e);
    }
  }

  @Override
  public String name() {
    return ValidationPlugin.NAME;
  }

  @Override
  public void install(HookRegistry registry) {
    Class<?> entity = options.entities().get(registry.table().name());
    PayloadChecker checker = new PayloadChecker(registry.table(), options.tableRules(), validator, entity);
    registry.before(PAYLOAD_OPERATIONS, HookPriority.VALIDATION, ctx -> check(ctx, checker));
  }

  private static void check(HookContext ctx, PayloadChecker checker) {
    Violations out = new Violations();
    if (ctx.operation() == Operation.BATCH) {
      List<BatchStatement> statements = ctx.batchStatements();
      for (int i = 0; i < statements.size(); i++) {
        BatchStatement st = statements.get(i);
        if (st.table().name().equals(ctx.table().name())) {
          checkStatement("statements[" + i + "].", st, checker, out);
        }
      }
    } else {
      List<Map<String, Object>> rows = ctx.rows();
      for (int i = 0; i < rows.size(); i++) {
        checker.checkInsert(rows.size() == 1 ? "" : "rows[" + i + "].", rows.get(i), out);
      }
      checker.checkUpdate("", ctx.update(), out);
    }
    out.throwIfAny();
  }

  private static void checkStatement(String prefix, BatchStatement st, PayloadChecker checker, Violations out) {
    switch (st.kind()) {
      case INSERT:
        checker.checkInsert(prefix, st.data(), out);
        break;
      case UPSERT:
        checker.checkInsert(prefix, st.data(), out);
        if (st.update() != null) {
          checker.checkUpdate(prefix, st.update(), out);
        }
        break;
      case UPDATE:
        checker.checkUpdate(prefix, st.update(), out);
        break;
      case DELETE:
      default:
        break;
    }
  }

  @Override
  public String toString() {
    return "ValidationPlugin[" + options + "]";
  }
}
