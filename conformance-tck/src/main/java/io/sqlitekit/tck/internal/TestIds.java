package io.sqlitekit.tck.internal;

import java.lang.reflect.Method;

/**
 * Internal, not API, may change. Test IDs used by suppression lists: {@code SimpleClassName#method}.
 *
 * @since 0.1.0
 */
public final class TestIds {
  private TestIds() {
  }

  /**
   * Returns the ID of a test method.
   *
   * @param method the method
   * @return {@code SimpleClassName#method}
   */
  public static String of(Method method) {
    return method.getDeclaringClass().getSimpleName() + "#" + method.getName();
  }

  /**
   * Returns the ID of a test method given by class and method name.
   *
   * @param className the fully qualified or simple class name
   * @param methodName the method name
   * @return {@code SimpleClassName#method}
   */
  public static String of(String className, String methodName) {
    int dot = className.lastIndexOf('.');
    return className.substring(dot + 1) + "#" + methodName;
  }
}
