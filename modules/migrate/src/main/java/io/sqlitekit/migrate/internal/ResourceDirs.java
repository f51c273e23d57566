package io.sqlitekit.migrate.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleReader;
import java.lang.module.ResolvedModule;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Internal, not API, may change. The three kinds of {@link ResourceDir}.
 *
 * <p>Why a named module is read through its {@link ModuleReader}: resources of a named module that live in
 * one of its packages are encapsulated, so {@code ClassLoader.getResource} and
 * {@code Module.getResourceAsStream} called from this module return null unless the package is opened to
 * us. The module's reader sees its content directly, can list it (no index file needed) and requires no
 * {@code opens} clause. A module without a layer (the unnamed module of a class loader) falls back to its
 * class loader.
 *
 * <p>Why class-loader locations are listed through their URLs: {@code ClassLoader} has no listing API. A
 * {@code file:} URL is a directory, a {@code jar:} URL is listed from the JAR's entries. Any other scheme,
 * or a JAR without directory entries, needs a {@link ResourceDir#INDEX_FILE}.
 */
public final class ResourceDirs {
  private ResourceDirs() {}

  /**
   * Normalises a resource location: strips a {@code classpath:} prefix and leading or trailing slashes.
   *
   * @param location the location
   * @return the normalised location, possibly empty for the root
   */
  public static String normalise(String location) {
    String l = location.strip();
    if (l.startsWith("classpath:")) {
      l = l.substring("classpath:".length());
    }
    while (l.startsWith("/")) {
      l = l.substring(1);
    }
    while (l.endsWith("/")) {
      l = l.substring(0, l.length() - 1);
    }
    return l;
  }

  private static String child(String location, String relative) {
    return location.isEmpty() ? relative : location + "/" + relative;
  }

  /**
   * A file-system directory.
   *
   * @param dir the directory
   * @return the folder
   */
  public static ResourceDir folder(Path dir) {
    Objects.requireNonNull(dir, "dir");
    return new ResourceDir() {
      @Override
      public Optional<String> read(String relative) throws IOException {
        Path p = dir.resolve(relative);
        try {
          return Optional.of(Files.readString(p, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
          return Optional.empty();
        }
      }

      @Override
      public List<String> list() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
          return s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).collect(Collectors.toList());
        }
      }

      @Override
      public String describe() {
        return dir.toString();
      }
    };
  }

  /**
   * A location seen through a class loader.
   *
   * @param loader the loader
   * @param location the normalised location
   * @return the folder
   */
  public static ResourceDir classLoader(ClassLoader loader, String location) {
    Objects.requireNonNull(loader, "loader");
    return new ResourceDir() {
      @Override
      public Optional<String> read(String relative) throws IOException {
        try (InputStream in = loader.getResourceAsStream(child(location, relative))) {
          return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }

      @Override
      public List<String> list() throws IOException {
        Set<String> names = new LinkedHashSet<>();
        Enumeration<URL> urls = loader.getResources(location);
        boolean any = false;
        for (URL url : Collections.list(urls)) {
          any = true;
          names.addAll(listUrl(url, location));
        }
        if (!any) {
          throw new IOException(String.format(Locale.ROOT,
              "no class-path resource folder %s (a JAR without directory entries needs %s/%s)",
              describe(), location, ResourceDir.INDEX_FILE));
        }
        return new ArrayList<>(names);
      }

      @Override
      public String describe() {
        return "classpath:" + location;
      }
    };
  }

  private static List<String> listUrl(URL url, String location) throws IOException {
    String protocol = url.getProtocol();
    if ("file".equals(protocol)) {
      try {
        return folder(Path.of(url.toURI())).list();
      } catch (URISyntaxException e) {
        throw new IOException("cannot list " + url, e);
      }
    }
    if ("jar".equals(protocol)) {
      URLConnection c = url.openConnection();
      if (c instanceof JarURLConnection) {
        JarURLConnection jc = (JarURLConnection) c;
        jc.setUseCaches(false);
        try (JarFile jar = jc.getJarFile()) {
          String prefix = location.isEmpty() ? "" : location + "/";
          List<String> names = new ArrayList<>();
          for (JarEntry e : Collections.list(jar.entries())) {
            String n = e.getName();
            if (!e.isDirectory() && n.startsWith(prefix) && n.indexOf('/', prefix.length()) < 0) {
              names.add(n.substring(prefix.length()));
            }
          }
          return names;
        }
      }
    }
    throw new IOException(String.format(Locale.ROOT,
        "cannot list resources at %s (scheme %s); add a %s listing the files", url, protocol, ResourceDir.INDEX_FILE));
  }

  /**
   * A location inside a module.
   *
   * @param module the module
   * @param location the normalised location
   * @return the folder
   */
  public static ResourceDir module(Module module, String location) {
    Objects.requireNonNull(module, "module");
    Optional<ResolvedModule> resolved = module.isNamed() && module.getLayer() != null
        ? module.getLayer().configuration().findModule(module.getName())
        : Optional.empty();
    if (resolved.isEmpty()) {
      ClassLoader loader = module.getClassLoader() != null ? module.getClassLoader()
          : ClassLoader.getSystemClassLoader();
      return classLoader(loader, location);
    }
    var reference = resolved.get().reference();
    return new ResourceDir() {
      @Override
      public Optional<String> read(String relative) throws IOException {
        try (ModuleReader r = reference.open()) {
          Optional<InputStream> in = r.open(child(location, relative));
          if (in.isEmpty()) {
            return Optional.empty();
          }
          try (InputStream s = in.get()) {
            return Optional.of(new String(s.readAllBytes(), StandardCharsets.UTF_8));
          }
        }
      }

      @Override
      public List<String> list() throws IOException {
        String prefix = location.isEmpty() ? "" : location + "/";
        try (ModuleReader r = reference.open(); Stream<String> s = r.list()) {
          return s.filter(n -> n.startsWith(prefix) && !n.endsWith("/") && n.indexOf('/', prefix.length()) < 0)
              .map(n -> n.substring(prefix.length())).collect(Collectors.toList());
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
      }

      @Override
      public String describe() {
        return "module " + module.getName() + ":" + location;
      }
    };
  }
}
