package io.sqlitekit.tck;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;

/**
 * Marks a TCK contract test: a Jupiter test template invoked once per selected {@link RepoHarness}, each
 * invocation named {@code [harness-name]} and given a fresh, empty repository as its
 * {@code StandardRepo<TckDoc, String>} parameter. The enclosing class must register the TCK extension
 * (the suite classes do so by extending their common base class).
 *
 * @since 0.1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@TestTemplate
public @interface ContractTest {
}
