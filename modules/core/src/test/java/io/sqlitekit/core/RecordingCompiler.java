package io.sqlitekit.core;

import io.sqlitekit.core.internal.render.FilterRenderer;
import io.sqlitekit.spi.compile.FilterCompiler;
import io.sqlitekit.spi.compile.SqlFragment;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.support.json.MiniJson;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A filter compiler registered through META-INF/services under the name {@value #NAME}: renders like the
 * default and records, per compiled filter, the first column of the table it compiled over.
 */
public final class RecordingCompiler implements FilterCompiler {
  /** The name a kit selects it by. */
  static final String NAME = "recording";
  /** What every instance compiled, as {@code firstColumn:filter}. */
  static final List<String> COMPILED = new CopyOnWriteArrayList<>();

  private final FilterRenderer standard = new FilterRenderer(MiniJson.INSTANCE);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public SqlFragment compile(Filter filter, TableDef table) {
    COMPILED.add(table.columns().get(0).name() + ":" + filter);
    return standard.compile(filter, table);
  }
}
