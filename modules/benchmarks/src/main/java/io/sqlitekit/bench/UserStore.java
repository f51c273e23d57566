package io.sqlitekit.bench;

import java.util.List;

/**
 * One system under test. Every implementation runs the same SQL semantics on the same file with the same pragmas
 * and maps to {@link BenchUser}.
 */
public interface UserStore extends AutoCloseable {
  /** W1: inserts the users in one transaction. */
  void insertAll(List<BenchUser> users);

  /** W2: point read by primary key, mapped. */
  BenchUser getById(long id);

  /** W3: {@code age > ? AND active = 1 ORDER BY createdAt DESC LIMIT ? OFFSET ?} plus the total count. */
  Page offsetPage(int minAge, int page, int limit);

  /** W4: prepares the opaque position after which {@link #keysetPage} reads (not timed). */
  Object keysetPosition(BenchUser lastSeen);

  /** W4: the page after a position in {@code createdAt DESC, id DESC} order. */
  List<BenchUser> keysetPage(Object position, int limit);

  /** W5: renames one user by id; returns the number of rows changed. */
  int rename(long id, String name);

  /** W5r: renames one user by id and returns the row as stored after the change, or null when absent. */
  BenchUser renameReturning(long id, String name);

  /** W6: every user with {@code from <= id < from + count}, in id order, mapped. */
  List<BenchUser> findRange(long from, int count);

  /** Streams every row and returns how many were seen (constant memory). */
  long streamAll();

  @Override
  void close();

  /** A page and its total. */
  record Page(List<BenchUser> items, long total) {
  }
}
