package io.sqlitekit.sample.slug;

import io.sqlitekit.spi.BatchStatement;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.plugin.HookContext;
import io.sqlitekit.spi.plugin.HookPriority;
import io.sqlitekit.spi.plugin.HookRegistry;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.TableDef;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Fills a slug column ({@code "Hello, Wörld!"} becomes {@code hello-world}) from a source column whenever a row
 * is inserted without one: create, createMany, upsert, getOrCreate and batch inserts and upserts. A slug the
 * caller gives is kept. Updates never change the slug, so links stay stable when a title is edited.
 *
 * <p>Not covered: the insert of an upserting {@code findOneAndUpdate}; give the slug in its
 * {@code setOnInsert}.
 */
public final class SlugPlugin implements RepositoryPlugin {
  /** The name the plugin is enabled by: {@code plugins("slug")}. */
  public static final String NAME = "slug";

  /** The insert paths whose rows arrive in {@link HookContext#rows()}. */
  private static final Set<Operation> INSERTS = EnumSet.of(Operation.CREATE, Operation.CREATE_MANY,
      Operation.UPSERT, Operation.GET_OR_CREATE);

  private final String source;
  private final String field;

  private SlugPlugin(String source, String field) {
    this.source = Objects.requireNonNull(source, "source");
    this.field = Objects.requireNonNull(field, "field");
  }

  /**
   * Returns the plugin reading {@code name} and writing {@code slug}.
   *
   * @return the plugin
   */
  public static SlugPlugin create() {
    return new SlugPlugin("name", "slug");
  }

  /**
   * Returns the plugin with other columns.
   *
   * @param source the property key the slug is made from
   * @param field the property key of the slug column
   * @return the plugin
   */
  public static SlugPlugin create(String source, String field) {
    return new SlugPlugin(source, field);
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Checks the table has both columns and registers the hooks at {@link HookPriority#POLICY}, so that
   * validation and observability see the filled slug.
   *
   * @param registry the registry
   * @throws ConfigurationException if the table lacks the source or the slug column
   */
  @Override
  public void install(HookRegistry registry) {
    TableDef table = registry.table();
    for (String column : List.of(source, field)) {
      if (table.column(column).isEmpty()) {
        throw new ConfigurationException(String.format(Locale.ROOT,
            "slug plugin: table \"%s\" has no column \"%s\"; add it or create the plugin with other columns"
                + " (SlugPlugin.create(source, field) or options source=…, field=…)", table.name(), column));
      }
    }
    registry.before(INSERTS, HookPriority.POLICY, ctx -> ctx.rows().forEach(row -> fill(row, ctx.operation())));
    registry.before(EnumSet.of(Operation.BATCH), HookPriority.POLICY, ctx -> batch(ctx, table));
  }

  private void batch(HookContext ctx, TableDef table) {
    List<BatchStatement> out = new ArrayList<>();
    for (BatchStatement st : ctx.batchStatements()) {
      boolean inserts = st.kind() == BatchStatement.Kind.INSERT || st.kind() == BatchStatement.Kind.UPSERT;
      if (inserts && st.table().name().equals(table.name())) {
        Map<String, Object> data = new LinkedHashMap<>(st.data());
        fill(data, Operation.BATCH);
        st = st.withData(data);
      }
      out.add(st);
    }
    ctx.setBatchStatements(out);
  }

  private void fill(Map<String, Object> row, Operation op) {
    if (row.get(field) != null || !(row.get(source) instanceof String)) {
      return;
    }
    String slug = slugify((String) row.get(source));
    if (slug.isEmpty()) {
      throw new ValidationException(field, String.format(Locale.ROOT,
          "slug plugin: %s cannot make a slug from %s \"%s\" (no letters or digits); give \"%s\" explicitly",
          op, source, row.get(source), field));
    }
    row.put(field, slug);
  }

  /**
   * Makes a slug: accents removed, lower case, every run of other characters than ASCII letters and digits
   * turned into one hyphen, no leading or trailing hyphen.
   *
   * @param text the text
   * @return the slug, empty when the text has no letters or digits
   */
  public static String slugify(String text) {
    String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    return plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
  }
}
