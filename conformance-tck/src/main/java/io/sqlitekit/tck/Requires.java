package io.sqlitekit.tck;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares which {@link RepoFeature}s a contract test needs present and which it needs absent. A test whose
 * requirements the harness does not meet is reported as skipped, with the feature named in the reason. A
 * test that names one feature (after expanding compounds) in both lists is a TCK defect and fails.
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
   * The features the test needs.
   *
   * @return the required features
   */
  RepoFeature[] value() default {};

  /**
   * The features the test needs absent (it checks that the operation is refused cleanly).
   *
   * @return the features that must be unsupported
   */
  RepoFeature[] absent() default {};
}
