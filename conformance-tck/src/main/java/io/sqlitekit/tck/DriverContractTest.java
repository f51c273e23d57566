package io.sqlitekit.tck;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;

/**
 * Marks a driver conformance test: a Jupiter test template invoked once per selected {@link DriverHarness},
 * each invocation named {@code [harness-name]} and given a {@code DriverFixture} parameter (a fresh driver, a
 * way to open more, and the statements its listener saw). The enclosing class must register the driver TCK
 * extension (the classes of {@code io.sqlitekit.tck.driver} do so through their common base class).
 *
 * @since 0.2.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@TestTemplate
public @interface DriverContractTest {
}
