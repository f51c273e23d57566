package io.sqlitekit.tck;

import io.sqlitekit.spi.Capability;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares which {@link Capability capabilities} a contract test needs present and which it needs absent. A
 * test whose requirements the harness does not meet is reported as skipped, with the capability named in the
 * reason. Requiring a capability also requires what it {@linkplain Capability#implies() implies}; a test that
 * then names one capability in both lists is a TCK defect and fails.
 *
 * <p>On a class, the requirements apply to every test of the class and are merged with the method's.
 *
 * @since 0.1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Requires {
  /**
   * The capabilities the test needs.
   *
   * @return the required capabilities
   */
  Capability[] value() default {};

  /**
   * The capabilities the test needs absent (it checks that the operation is refused cleanly).
   *
   * @return the capabilities that must be unsupported
   */
  Capability[] absent() default {};
}
