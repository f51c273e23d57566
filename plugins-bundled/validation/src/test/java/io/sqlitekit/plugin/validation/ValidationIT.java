package io.sqlitekit.plugin.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.memory.MemoryKit;
import io.sqlitekit.plugin.tenant.Tenants;
import io.sqlitekit.spi.BatchStatement;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.ErrorDetail;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.plugin.PluginProvider;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The plugin on a real SQLite file (WAL) and on the memory kit: every payload path is checked before SQL runs,
 * every violation is listed, nothing is written, and a refused call inside a transaction rolls it back.
 */
// PER_CLASS: the kit factories close over the per-test temp directory and the list of kits to close.
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class ValidationIT {
  /** An entity whose components carry Bean Validation constraints. */
  public record User(Long id, @NotBlank @Size(max = 20) String name, @Email String email, @Min(0) Long age,
      Role role) {
  }

  /** A record with a constraint on a property the table lacks: a mapping mistake. */
  public record Stray(Long id, @NotBlank String nickname) {
  }

  /** A role. */
  public enum Role { ADMIN, MEMBER }

  static final TableDef USERS = TableDef.of("users", Column.integer("id").primaryKey(),
      Column.text("name").notNull(), Column.text("email"), Column.integer("age"),
      Column.enumOf("role", Role.class));

  @TempDir
  Path dir;

  private final List<AutoCloseable> open = new ArrayList<>();
  private int files;

  /** A new database file: with PER_CLASS the temp directory is shared by every test of the class. */
  private Path fresh() {
    return dir.resolve("db" + (++files) + ".db");
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    open.clear();
    documentRepos.clear();
  }

  private static RepositoryPlugin plugin() {
    return ValidationPlugin.create(ValidationOptions.defaults().withEntity("users", User.class));
  }

  /** Both kits, each with the plugin, as a factory of the users repository. */
  Stream<Arguments> kits() {
    return Stream.of(
        Arguments.of("sqlite", (Supplier<StandardRepo<User, Long>>) () -> {
          SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + fresh()).plugin(plugin()).build();
          open.add(kit);
          kit.createTable(USERS);
          return kit.repository(USERS, User.class);
        }),
        Arguments.of("memory", (Supplier<StandardRepo<User, Long>>) () -> {
          MemoryKit kit = MemoryKit.builder().plugin(plugin()).build();
          open.add(kit);
          return kit.repository(USERS, User.class);
        }));
  }

  private static List<String> paths(ValidationException e) {
    return e.violations().stream().map(ErrorDetail::path).collect(Collectors.toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kits")
  void create_listsEveryViolation_writesNothing(String kit, Supplier<StandardRepo<User, Long>> repos) {
    StandardRepo<User, Long> users = repos.get();
    ValidationException e = assertThrows(ValidationException.class,
        () -> users.create(new User(null, " ", "not-an-email", -1L, null)));
    assertEquals(List.of("name", "email", "age"), paths(e), e.getMessage());
    assertEquals("name", e.field());
    assertTrue(e.getMessage().startsWith("validation failed (3 violations): name "), e.getMessage());
    assertTrue(!e.getMessage().contains("not-an-email"), "values never appear in messages: " + e.getMessage());
    assertEquals(3, e.toContract().details().size());
    assertEquals(0, users.count(Filters.all()));

    User ok = users.create(new User(null, "Ada", "ada@example.com", 36L, Role.ADMIN));
    assertEquals("Ada", users.getById(ok.id()).orElseThrow().name());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kits")
  void tableRules_notNullAndTypes_checkedOnDocuments(String kit, Supplier<StandardRepo<User, Long>> unused) {
    StandardRepo<Map<String, Object>, Object> docs = documents(kit);
    Map<String, Object> bad = new LinkedHashMap<>();
    bad.put("email", "a@example.com");
    bad.put("age", "forty");
    bad.put("role", "OWNER");
    bad.put("shoeSize", 44);
    ValidationException e = assertThrows(ValidationException.class, () -> docs.create(bad));
    Map<String, String> codes = e.violations().stream()
        .collect(Collectors.toMap(ErrorDetail::path, ErrorDetail::code, (a, b) -> a + "," + b));
    assertEquals("unknown_field", codes.get("shoeSize"));
    assertEquals("not_null,constraint", codes.get("name"), "NOT NULL from the table, @NotBlank from the entity");
    assertEquals("type", codes.get("role"));
    assertTrue(codes.get("age").startsWith("type"), codes.toString());
    assertEquals(0, docs.count(Filters.all()));
  }

  private final Map<String, StandardRepo<Map<String, Object>, Object>> documentRepos = new LinkedHashMap<>();

  private StandardRepo<Map<String, Object>, Object> documents(String kit) {
    return documentRepos.computeIfAbsent(kit, k -> {
      if (k.equals("sqlite")) {
        SqliteKit sk = SqliteKit.builder().url("jdbc:sqlite:" + fresh()).plugin(plugin()).build();
        open.add(sk);
        sk.createTable(USERS);
        return sk.documents(USERS);
      }
      MemoryKit mk = MemoryKit.builder().plugin(plugin()).build();
      open.add(mk);
      return mk.documents(USERS);
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kits")
  void createMany_namesTheRow_writesNone(String kit, Supplier<StandardRepo<User, Long>> repos) {
    StandardRepo<User, Long> users = repos.get();
    List<User> rows = List.of(new User(null, "a", null, 1L, null), new User(null, "b", null, 2L, null),
        new User(null, "c", "nope", 3L, null), new User(null, "d", null, -4L, null));
    ValidationException e = assertThrows(ValidationException.class, () -> users.createMany(rows));
    assertEquals(List.of("rows[2].email", "rows[3].age"), paths(e));
    assertEquals(0, users.count(Filters.all()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kits")
  void updates_partialPayloadChecked_rowUnchanged(String kit, Supplier<StandardRepo<User, Long>> repos) {
    StandardRepo<User, Long> users = repos.get();
    User u = users.create(new User(null, "Ada", "ada@example.com", 36L, null));
    ValidationException tooLong = assertThrows(ValidationException.class,
        () -> users.update(u.id(), Update.set("name", "x".repeat(21))));
    assertEquals(List.of("name"), paths(tooLong));
    ValidationException nulled = assertThrows(ValidationException.class,
        () -> users.updateMany(Filters.all(), Update.unset("name")));
    assertEquals("not_null", nulled.violations().get(0).code());
    // A valid partial update of another field does not trip over the fields it leaves alone.
    users.update(u.id(), Update.set("age", 37L));
    assertEquals(new User(u.id(), "Ada", "ada@example.com", 37L, null), users.getById(u.id()).orElseThrow());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kits")
  void batch_checkedPerStatement_nothingApplied(String kit, Supplier<StandardRepo<User, Long>> repos) {
    StandardRepo<User, Long> users = repos.get();
    User u = users.create(new User(null, "Ada", null, 1L, null));
    List<BatchStatement> statements = List.of(
        BatchStatement.insert(USERS, Map.of("name", "Bob")),
        BatchStatement.update(USERS, u.id(), Update.set("email", "broken")),
        BatchStatement.insert(USERS, Map.of("name", "")));
    ValidationException e = assertThrows(ValidationException.class, () -> users.batch(b -> statements));
    assertEquals(List.of("statements[1].email", "statements[2].name"), paths(e));
    assertEquals(1, users.count(Filters.all()));
    assertEquals(null, users.getById(u.id()).orElseThrow().email());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kits")
  void insideTransaction_refusalRollsBackTheCallersWork(String kit, Supplier<StandardRepo<User, Long>> repos) {
    StandardRepo<User, Long> users = repos.get();
    assertThrows(ValidationException.class, () -> users.withTransaction(tx -> {
      tx.create(new User(null, "first", null, 1L, null));
      return tx.create(new User(null, "second", "bad", 2L, null));
    }));
    assertEquals(0, users.count(Filters.all()), "the first create rolled back with the transaction");
    users.create(new User(null, "after", null, 3L, null));
    assertEquals(1, users.count(Filters.all()), "no transaction left open: the next write commits");
  }

  @Test
  void withMultiTenant_stampedTenantSatisfiesNotNull_invalidStillRefused() {
    TableDef notes = TableDef.of("notes", Column.integer("id").primaryKey(), Column.text("organizationId").notNull(),
        Column.text("body").notNull());
    SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + fresh()).plugins("multi-tenant")
        .plugin(ValidationPlugin.create(ValidationOptions.defaults())).build();
    open.add(kit);
    kit.createTable(notes);
    StandardRepo<Map<String, Object>, Object> docs = kit.documents(notes);
    CallContext acme = CallContext.of(Tenants.TENANT_ID, "acme");
    Map<String, Object> created = CallContext.call(acme, () -> docs.create(Map.of("body", "hello")));
    assertEquals("acme", created.get("organizationId"), "the tenant is stamped before validation runs");
    Map<String, Object> noBody = new LinkedHashMap<>();
    noBody.put("body", null);
    ValidationException e = assertThrows(ValidationException.class, () -> CallContext.call(acme, () -> docs.create(noBody)));
    assertEquals(List.of("body"), paths(e));
  }

  @Test
  void providerByName_loadsEntityClass_rejectsUnknownOptionsAndStrayConstraints() {
    PluginProvider provider = ServiceLoader.load(PluginProvider.class).stream().map(ServiceLoader.Provider::get)
        .filter(p -> p.name().equals(ValidationPlugin.NAME)).findFirst().orElseThrow();
    RepositoryPlugin byName = provider.create(Map.of("entity.users", User.class.getName()));
    SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + fresh()).plugin(byName).build();
    open.add(kit);
    kit.createTable(USERS);
    StandardRepo<User, Long> users = kit.repository(USERS, User.class);
    assertEquals(List.of("email"), paths(assertThrows(ValidationException.class,
        () -> users.create(new User(null, "Ada", "x", 1L, null)))));

    ConfigurationException unknown = assertThrows(ConfigurationException.class,
        () -> provider.create(Map.of("tableRule", "true")));
    assertTrue(unknown.getMessage().contains("\"tableRule\""), unknown.getMessage());
    ConfigurationException missing = assertThrows(ConfigurationException.class,
        () -> provider.create(Map.of("entity.users", "com.example.Nope")));
    assertTrue(missing.getMessage().contains("com.example.Nope"), missing.getMessage());
    assertThrows(ConfigurationException.class, () -> provider.create(Map.of("tableRules", "false")),
        "nothing left to check");

    RepositoryPlugin stray = ValidationPlugin.create(ValidationOptions.defaults().withEntity("users", Stray.class));
    SqliteKit strayKit = SqliteKit.builder().url("jdbc:sqlite:" + fresh()).plugin(stray).build();
    open.add(strayKit);
    strayKit.createTable(USERS);
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> strayKit.repository(USERS, User.class));
    assertTrue(e.getMessage().contains("\"nickname\""), e.getMessage());
  }
}
