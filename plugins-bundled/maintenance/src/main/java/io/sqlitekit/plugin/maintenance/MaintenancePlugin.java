package io.sqlitekit.plugin.maintenance;

import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.plugin.HookRegistry;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code "maintenance"} plugin: starts one {@link Maintenance} per database the first time a repository of
 * a kit is created, and closes it (stopping its schedules, then {@code PRAGMA optimize}) when the kit closes,
 * before the driver. It registers no hooks: repository calls are unaffected.
 *
 * <pre>{@code
 * MaintenancePlugin maintenance = MaintenancePlugin.create(MaintenanceOptions.defaults()
 *     .withCheckpointEvery(Duration.ofMinutes(5), CheckpointMode.TRUNCATE));
 * SqliteKit kit = SqliteKit.builder().url(url).plugin(maintenance).build();
 * kit.repository(table, Row.class);                 // starts the schedules
 * maintenance.maintenance(kit.driver()).orElseThrow().quickCheck();
 * }</pre>
 *
 * @since 0.2.0
 */
public final class MaintenancePlugin implements RepositoryPlugin {
  /** The name the plugin is enabled by. */
  public static final String NAME = "maintenance";

  private final MaintenanceOptions options;
  private final Map<SqliteDriver, Maintenance> running = new IdentityHashMap<>();

  private MaintenancePlugin(MaintenanceOptions options) {
    this.options = options;
  }

  /**
   * Creates the plugin.
   *
   * @param options what each database's maintenance schedules
   * @return the plugin
   */
  public static MaintenancePlugin create(MaintenanceOptions options) {
    return new MaintenancePlugin(Objects.requireNonNull(options, "options"));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void install(HookRegistry registry) {
    Optional<SqliteDriver> d = registry.driver();
    if (d.isEmpty()) {
      return;
    }
    synchronized (running) {
      if (!running.containsKey(d.get())) {
        Maintenance m = Maintenance.start(d.get(), options);
        running.put(d.get(), m);
        registry.onClose(() -> {
          synchronized (running) {
            running.remove(d.get());
          }
          m.close();
        });
      }
    }
  }

  /**
   * Returns the running maintenance of a kit's database.
   *
   * @param driver the kit's driver ({@code kit.driver()})
   * @return the maintenance, or empty before the kit's first repository and after the kit closed
   */
  public Optional<Maintenance> maintenance(SqliteDriver driver) {
    synchronized (running) {
      return Optional.ofNullable(running.get(driver));
    }
  }
}
