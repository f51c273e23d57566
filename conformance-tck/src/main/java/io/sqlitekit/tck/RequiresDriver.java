package io.sqlitekit.tck;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares which {@link DriverFeature driver features} a driver contract test needs present and which absent.
 * An unmet requirement is reported as skipped with the feature named; on a class it applies to every test and
 * is merged with the method's. Naming a feature in both lists is a TCK defect and fails the test.
 *
 * @since 0.2.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresDriver {
  /**
   * The features the test needs.
   *
   * @return the required features
   */
  DriverFeature[] value() default {};

  /**
   * The features the test needs absent (it checks the refusal).
   *
   * @return the features that must be missing
   */
  DriverFeature[] absent() default {};
}
