package io.sqlitekit.migrate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

final class ChecksumsTest {
  @Test
  void ofSql_ignoresLineEndingsTrailingSpaceAndBom() {
    String base = Checksums.ofSql("CREATE TABLE a (x);\nCREATE INDEX i ON a (x);\n");
    assertEquals(base, Checksums.ofSql("\uFEFFCREATE TABLE a (x);  \r\nCREATE INDEX i ON a (x);\r\n\r\n"));
    assertEquals(64, base.length());
  }

  @Test
  void ofSql_anyOtherEditChangesIt() {
    assertNotEquals(Checksums.ofSql("CREATE TABLE a (x);"), Checksums.ofSql("CREATE TABLE a (y);"));
    assertNotEquals(Checksums.ofSql("CREATE TABLE a (x);"), Checksums.ofSql("  CREATE TABLE a (x);"));
  }

  @Test
  void sha256_knownVector() {
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Checksums.sha256("abc"));
  }
}
