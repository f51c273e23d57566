package io.sqlitekit.spi;

import io.sqlitekit.spi.update.Update;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A guarded state change for {@link StandardRepo#applyTransition}: set {@code field} to {@code to} only while
 * it holds one of the {@code from} values, together with further changes ({@code also}).
 *
 * @param field the state field
 * @param from the states the transition starts from, at least one; a null element means "the field is NULL"
 * @param to the new state (null writes NULL)
 * @param also further changes applied in the same statement, possibly {@link Update#empty()}; it must not
 *     name {@code field}
 * @since 0.3.0
 */
public record Transition(String field, List<Object> from, Object to, Update also) {
  /**
   * Validates and copies the components.
   *
   * @throws NullPointerException if {@code field}, {@code from} or {@code also} is null
   * @throws IllegalArgumentException if {@code from} is empty or {@code also} names the state field
   */
  public Transition {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(also, "also");
    if (from.isEmpty()) {
      throw new IllegalArgumentException("transition of \"" + field + "\" needs at least one from-state");
    }
    if (also.fields().contains(field)) {
      throw new IllegalArgumentException("transition of \"" + field + "\": also must not change the state field");
    }
    // Nulls are meaningful ("from NULL"): List.copyOf would refuse them.
    from = Collections.unmodifiableList(new ArrayList<>(from));
  }

  /**
   * A transition from one state to another.
   *
   * @param field the state field
   * @param from the required current state
   * @param to the new state
   * @return the transition
   */
  public static Transition of(String field, Object from, Object to) {
    return new Transition(field, Collections.singletonList(from), to, Update.empty());
  }

  /**
   * A transition from any of several states.
   *
   * @param field the state field
   * @param to the new state
   * @param from the accepted current states
   * @return the transition
   */
  public static Transition anyOf(String field, Object to, Object... from) {
    return new Transition(field, Arrays.asList(from), to, Update.empty());
  }

  /**
   * Returns this transition with further changes applied together with the state change.
   *
   * @param update the further changes
   * @return the new transition
   */
  public Transition also(Update update) {
    return new Transition(field, from, to, also.and(update));
  }
}
