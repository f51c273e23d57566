package io.sqlitekit.core.testlog;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J backend of this module's tests: silent (like slf4j-nop) until a test opens a {@link Capture} for a
 * logger name prefix and level; then those loggers are enabled at that level and their formatted lines are kept.
 * Levels are looked up on every call, so loggers created before a capture opens (static fields) obey it.
 */
public final class CapturedLog implements SLF4JServiceProvider {
  private static final List<Capture> OPEN = new CopyOnWriteArrayList<>();
  private final ConcurrentHashMap<String, Logger> loggers = new ConcurrentHashMap<>();
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new NOPMDCAdapter();

  /** Creates the provider (ServiceLoader). */
  public CapturedLog() {
  }

  /**
   * Starts capturing a logger name prefix at a level and above.
   *
   * @param prefix the logger name prefix, for example {@code io.sqlitekit.sql}
   * @param level the lowest level captured
   * @return the capture; close it to stop
   */
  public static Capture capture(String prefix, Level level) {
    Capture c = new Capture(prefix, level);
    OPEN.add(c);
    return c;
  }

  /** Lines captured for one prefix, formatted as {@code LEVEL logger - message}. */
  public static final class Capture implements AutoCloseable {
    private final String prefix;
    private final Level level;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private Capture(String prefix, Level level) {
      this.prefix = prefix;
      this.level = level;
    }

    /**
     * Returns the messages captured so far (without level and logger name).
     *
     * @return the messages, in order
     */
    public List<String> messages() {
      return new ArrayList<>(lines);
    }

    boolean wants(String name, Level l) {
      return name.startsWith(prefix) && l.toInt() >= level.toInt();
    }

    @Override
    public void close() {
      OPEN.remove(this);
    }
  }

  private static boolean enabled(String name, Level level) {
    for (Capture c : OPEN) {
      if (c.wants(name, level)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return name -> loggers.computeIfAbsent(name, CapturingLogger::new);
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
  }

  /** A logger that hands enabled lines to the open captures. */
  private static final class CapturingLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    CapturingLogger(String name) {
      this.name = name;
    }

    @Override
    public boolean isTraceEnabled() {
      return enabled(name, Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
      return enabled(name, Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
      return enabled(name, Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
      return enabled(name, Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
      return enabled(name, Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
        Throwable t) {
      String message = MessageFormatter.basicArrayFormat(pattern, args);
      for (Capture c : OPEN) {
        if (c.wants(name, level)) {
          c.lines.add(message);
        }
      }
    }
  }
}
