package io.sqlitekit.plugin.vector.internal;

import io.sqlitekit.plugin.vector.VectorOptions;
import io.sqlitekit.plugin.vector.VectorPlugin;
import io.sqlitekit.plugin.vector.Vectors;
import io.sqlitekit.spi.BatchStatement;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.plugin.HookContext;
import io.sqlitekit.spi.plugin.HookPriority;
import io.sqlitekit.spi.plugin.HookRegistry;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.ColumnMode;
import io.sqlitekit.spi.table.StorageClass;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Internal, not API, may change. The vector plugin: converts and checks embeddings on every write path, and
 * remembers, per table, the column its searches read.
 */
public final class VectorHooks implements RepositoryPlugin {
  private static final Set<Operation> WRITES = EnumSet.of(Operation.CREATE, Operation.CREATE_MANY,
      Operation.UPSERT, Operation.GET_OR_CREATE, Operation.FIND_ONE_AND_UPDATE, Operation.UPDATE,
      Operation.UPDATE_MANY, Operation.BATCH);

  private final VectorOptions options;
  private final Map<String, Column> columns = new ConcurrentHashMap<>();

  /**
   * Creates the plugin.
   *
   * @param options the options
   */
  public VectorHooks(VectorOptions options) {
    this.options = options;
  }

  @Override
  public String name() {
    return VectorPlugin.NAME;
  }

  /**
   * Returns the options.
   *
   * @return the options
   */
  public VectorOptions options() {
    return options;
  }

  @Override
  public void install(HookRegistry registry) {
    TableDef table = registry.table();
    if (options.table() != null && !options.table().equals(table.name())) {
      return;
    }
    String field = options.field();
    Column c = table.column(field).orElseThrow(() -> new ConfigurationException(String.format(Locale.ROOT,
        "vector: table \"%s\" has no field \"%s\" for embeddings", table.name(), field)));
    if (c.storage() != StorageClass.BLOB || c.mode() != ColumnMode.PLAIN) {
      throw new ConfigurationException(String.format(Locale.ROOT,
          "vector: embedding field \"%s\" of table \"%s\" must be a plain BLOB column, not %s", field, table.name(),
          c.describe()));
    }
    columns.put(table.name(), c);
    registry.before(WRITES, HookPriority.VALIDATION, ctx -> convert(ctx, table.name()));
  }

  /**
   * Returns the embedding column of a table the plugin was installed on.
   *
   * @param table the table
   * @return the column
   * @throws ConfigurationException if the plugin does not cover that table
   */
  public Column column(TableDef table) {
    Column c = columns.get(table.name());
    if (c == null) {
      throw new ConfigurationException("vector: the \"vector\" plugin installed on table \"" + table.name()
          + "\" covers table \"" + options.table() + "\" only");
    }
    return c;
  }

  private void convert(HookContext ctx, String table) {
    String field = options.field();
    for (Map<String, Object> row : ctx.rows()) {
      if (row.containsKey(field)) {
        row.put(field, blob(row.get(field)));
      }
    }
    ctx.setUpdate(convert(ctx.update()));
    if (ctx.operation() == Operation.BATCH) {
      List<BatchStatement> out = new ArrayList<>(ctx.batchStatements().size());
      for (BatchStatement st : ctx.batchStatements()) {
        BatchStatement s = st;
        if (st.table().name().equals(table)) {
          if (st.data() != null && st.data().containsKey(field)) {
            Map<String, Object> data = new LinkedHashMap<>(st.data());
            data.put(field, blob(data.get(field)));
            s = s.withData(data);
          }
          if (st.update() != null) {
            s = s.withUpdate(convert(st.update()));
          }
        }
        out.add(s);
      }
      ctx.setBatchStatements(out);
    }
  }

  private Update convert(Update u) {
    String field = options.field();
    Update out = u;
    if (u.set().containsKey(field)) {
      out = out.withSet(field, blob(u.set().get(field)));
    }
    if (u.setOnInsert().containsKey(field)) {
      Map<String, Object> soi = new LinkedHashMap<>(u.setOnInsert());
      soi.put(field, blob(soi.get(field)));
      out = new Update(out.set(), out.unset(), out.inc(), soi);
    }
    return out;
  }

  /** The stored form of one written value, checked: NULL, or exactly {@code dimensions} finite float32s. */
  private byte[] blob(Object value) {
    if (value == null) {
      return null;
    }
    int dims = options.dimensions();
    float[] v;
    if (value instanceof float[]) {
      v = (float[]) value;
    } else if (value instanceof byte[]) {
      byte[] b = (byte[]) value;
      if (b.length != dims * Float.BYTES) {
        throw wrong(b.length / (double) Float.BYTES);
      }
      v = Vectors.fromBlob(b);
    } else {
      throw new ValidationException(options.field(), String.format(Locale.ROOT,
          "vector: field \"%s\" expects a float[] (or its byte[] blob) of %d components, got %s", options.field(),
          dims, value.getClass().getSimpleName()));
    }
    if (v.length != dims) {
      throw wrong(v.length);
    }
    for (float f : v) {
      if (!Float.isFinite(f)) {
        throw new ValidationException(options.field(), "vector: field \"" + options.field()
            + "\" has a component that is not finite (NaN or infinite)");
      }
    }
    return value instanceof byte[] ? (byte[]) value : Vectors.toBlob(v);
  }

  private ValidationException wrong(double got) {
    return new ValidationException(options.field(), String.format(Locale.ROOT,
        "vector: field \"%s\" expects %d components, got %s", options.field(), options.dimensions(),
        got == Math.rint(got) ? String.valueOf((long) got) : got + " (a blob that is not whole float32s)"));
  }
}
