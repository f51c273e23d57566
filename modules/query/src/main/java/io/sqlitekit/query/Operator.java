package io.sqlitekit.query;

import java.util.Optional;

/**
 * A filter operator of the query grammar, written in brackets after the field: {@code age[gte]=18}. A key
 * without brackets is {@link #EQ}.
 *
 * @since 0.1.0
 */
public enum Operator {
  /** {@code field=v} or {@code field[eq]=v}: equal; the literal {@code null} means IS NULL. */
  EQ("eq"),
  /** {@code field[ne]=v}: not equal (NULL fields do not match); the literal {@code null} means IS NOT NULL. */
  NE("ne"),
  /** {@code field[gt]=v}: greater than. */
  GT("gt"),
  /** {@code field[gte]=v}: greater than or equal. */
  GTE("gte"),
  /** {@code field[lt]=v}: less than. */
  LT("lt"),
  /** {@code field[lte]=v}: less than or equal. */
  LTE("lte"),
  /** {@code field[in]=a,b,c}: equal to one of a comma-separated list. */
  IN("in"),
  /** {@code field[nin]=a,b,c}: equal to none of a comma-separated list (NULL fields do not match). */
  NIN("nin"),
  /** {@code field[like]=pat%}: a SQL LIKE pattern, case-insensitive, given verbatim; text fields only. */
  LIKE("like"),
  /** {@code field[contains]=text}: contains the text literally, case-insensitive; text fields only. */
  CONTAINS("contains"),
  /** {@code field[startsWith]=text}: starts with the text literally, case-insensitive; text fields only. */
  STARTS_WITH("startsWith"),
  /** {@code field[endsWith]=text}: ends with the text literally, case-insensitive; text fields only. */
  ENDS_WITH("endsWith"),
  /** {@code field[exists]=true|false|1|0}: the field is non-NULL (true) or NULL (false). */
  EXISTS("exists"),
  /** {@code field[between]=lo,hi}: inclusive range, exactly two values. */
  BETWEEN("between"),
  /** {@code field[regex]=pattern}: a Java regular expression, length-limited; text fields only. */
  REGEX("regex");

  private final String token;

  Operator(String token) {
    this.token = token;
  }

  /**
   * Returns the operator as written in a query key.
   *
   * @return the token, for example {@code "startsWith"}
   */
  public String token() {
    return token;
  }

  /**
   * Looks an operator up by its token; matching is exact (case-sensitive).
   *
   * @param token the text between the brackets
   * @return the operator, or empty when no operator has that token
   */
  public static Optional<Operator> fromToken(String token) {
    for (Operator op : values()) {
      if (op.token.equals(token)) {
        return Optional.of(op);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns whether the operator only makes sense on a text field.
   *
   * @return true for LIKE, CONTAINS, STARTS_WITH, ENDS_WITH and REGEX
   */
  public boolean textOnly() {
    return this == LIKE || this == CONTAINS || this == STARTS_WITH || this == ENDS_WITH || this == REGEX;
  }
}
