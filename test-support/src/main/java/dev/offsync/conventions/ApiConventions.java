package dev.offsync.conventions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Mechanical checks of offsync's code conventions (see CONTRIBUTING.md), in the spirit of RxJava's
 * validator tests. Each method returns the violations it found, one readable line each, so a test can
 * assert the list is empty and print every offender at once. Every module's {@code ConventionsTest}
 * calls them on its own classes and sources.
 */
public final class ApiConventions {
  private ApiConventions() {}

  /**
   * Whether a package is an implementation package (never part of the API).
   *
   * @param packageName a package name
   * @return {@code true} for {@code .internal} packages and their sub-packages
   */
  public static boolean isInternalPackage(String packageName) {
    return packageName.contains(".internal");
  }

  /**
   * Loads every top-level and nested class compiled into {@code classesDir} whose package starts with
   * {@code rootPackage}.
   *
   * @param classesDir a module's {@code target/classes}
   * @param rootPackage for example {@code dev.offsync}
   * @return the classes, sorted by name
   */
  public static List<Class<?>> classesUnder(Path classesDir, String rootPackage) {
    Path root = classesDir.resolve(rootPackage.replace('.', '/'));
    if (!Files.isDirectory(root)) {
      // a check that finds nothing must not pass: a wrong working directory or path would make it vacuous
      throw new AssertionError("no compiled classes of " + rootPackage + " under " + classesDir.toAbsolutePath());
    }
    try (Stream<Path> files = Files.walk(root)) {
      List<String> names = files
          .filter(p -> p.toString().endsWith(".class"))
          .map(p -> classesDir.relativize(p).toString())
          .map(s -> s.substring(0, s.length() - ".class".length()).replace('/', '.').replace('\\', '.'))
          .filter(n -> !n.endsWith("package-info") && !n.endsWith("module-info"))
          .sorted()
          .collect(Collectors.toList());
      List<Class<?>> classes = new ArrayList<>();
      for (String name : names) {
        try {
          classes.add(Class.forName(name, false, ApiConventions.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
          throw new IllegalStateException("cannot load " + name, e);
        }
      }
      if (classes.isEmpty()) {
        throw new AssertionError("no compiled classes of " + rootPackage + " under " + classesDir.toAbsolutePath());
      }
      return classes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Finds public API signatures that mention an {@code internal} type: supertypes, fields, constructor
   * and method parameters, return types, thrown exceptions and generic arguments of every public or
   * protected member of every public type outside {@code internal} packages.
   *
   * @param classes the classes to check (others are ignored)
   * @return one line per violation
   */
  public static List<String> internalTypesInPublicSignatures(List<Class<?>> classes) {
    List<String> violations = new ArrayList<>();
    for (Class<?> c : classes) {
      if (!isApi(c)) {
        continue;
      }
      check(violations, c, "extends", c.getGenericSuperclass());
      for (Type t : c.getGenericInterfaces()) {
        check(violations, c, "implements", t);
      }
      for (Field f : c.getDeclaredFields()) {
        if (visible(f.getModifiers()) && !f.isSynthetic()) {
          check(violations, c, "field " + f.getName(), f.getGenericType());
        }
      }
      for (Constructor<?> k : c.getDeclaredConstructors()) {
        if (visible(k.getModifiers()) && !k.isSynthetic()) {
          for (Type t : k.getGenericParameterTypes()) {
            check(violations, c, "constructor parameter", t);
          }
          for (Type t : k.getGenericExceptionTypes()) {
            check(violations, c, "constructor throws", t);
          }
        }
      }
      for (Method m : c.getDeclaredMethods()) {
        if (visible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
          check(violations, c, "method " + m.getName() + " returns", m.getGenericReturnType());
          for (Type t : m.getGenericParameterTypes()) {
            check(violations, c, "method " + m.getName() + " parameter", t);
          }
          for (Type t : m.getGenericExceptionTypes()) {
            check(violations, c, "method " + m.getName() + " throws", t);
          }
        }
      }
    }
    return violations;
  }

  /**
   * Finds public, non-abstract, non-final classes in API packages: every concrete API class is
   * {@code final} (values, builders, exceptions), so it cannot be subclassed into an unsupported state.
   * Interfaces, enums and abstract bases meant for extension are fine.
   *
   * @param classes the classes to check
   * @return one line per violation
   */
  public static List<String> nonFinalConcreteApiClasses(List<Class<?>> classes) {
    List<String> violations = new ArrayList<>();
    for (Class<?> c : classes) {
      int m = c.getModifiers();
      if (isApi(c) && !c.isInterface() && !c.isEnum() && !c.isAnnotation()
          && !Modifier.isAbstract(m) && !Modifier.isFinal(m)) {
        violations.add(c.getName() + " is a concrete public API class but not final");
      }
    }
    return violations;
  }

  /**
   * Finds public declarations in API packages' sources without a Javadoc comment: public types,
   * and public or protected constructors, methods and fields of public types. A method annotated
   * {@code @Override} inherits its documentation. Also reports API packages without a
   * {@code package-info.java}.
   *
   * @param sourceRoot a module's {@code src/main/java}
   * @return one line per violation
   */
  public static List<String> undocumentedApi(Path sourceRoot) {
    List<String> violations = new ArrayList<>();
    if (!Files.isDirectory(sourceRoot)) {
      throw new AssertionError("no sources to check under " + sourceRoot.toAbsolutePath());
    }
    Set<Path> packagesWithInfo = new HashSet<>();
    Set<Path> packagesWithTypes = new HashSet<>();
    try (Stream<Path> files = Files.walk(sourceRoot)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList())) {
        String pkg = sourceRoot.relativize(file.getParent()).toString().replace('/', '.').replace('\\', '.');
        if (isInternalPackage(pkg)) {
          continue;
        }
        if (file.getFileName().toString().equals("package-info.java")) {
          packagesWithInfo.add(file.getParent());
          continue;
        }
        packagesWithTypes.add(file.getParent());
        violations.addAll(undocumentedDeclarations(sourceRoot.relativize(file).toString(),
            Files.readAllLines(file, StandardCharsets.UTF_8)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (packagesWithTypes.isEmpty()) {
      throw new AssertionError("no API sources to check under " + sourceRoot.toAbsolutePath());
    }
    for (Path p : packagesWithTypes) {
      if (!packagesWithInfo.contains(p)) {
        violations.add(sourceRoot.relativize(p) + ": API package without package-info.java");
      }
    }
    Collections.sort(violations);
    return violations;
  }

  /**
   * Checks one source file's lines: every line that opens a public declaration (at any nesting level)
   * must follow a Javadoc comment, skipping annotations between them; {@code @Override} methods inherit
   * their documentation (which covers anonymous and nested implementations).
   */
  static List<String> undocumentedDeclarations(String fileName, List<String> lines) {
    List<String> violations = new ArrayList<>();
    boolean inBlockComment = false;
    boolean lastWasJavadoc = false;
    boolean pendingOverride = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (inBlockComment) {
        if (line.contains("*/")) {
          inBlockComment = false;
        }
        continue;
      }
      if (line.startsWith("/**")) {
        lastWasJavadoc = true;
        pendingOverride = false;
        inBlockComment = !line.contains("*/");
        continue;
      }
      if (line.startsWith("/*")) {
        inBlockComment = !line.contains("*/");
        continue;
      }
      if (line.isEmpty() || line.startsWith("//")) {
        continue;
      }
      if (line.startsWith("@")) {
        if (line.startsWith("@Override")) {
          pendingOverride = true;
        }
        continue;
      }
      boolean declaration = line.startsWith("public ") || line.startsWith("protected ");
      if (declaration && !lastWasJavadoc && !pendingOverride) {
        violations.add(fileName + ":" + (i + 1) + ": no Javadoc on `" + shorten(line) + "`");
      }
      lastWasJavadoc = false;
      pendingOverride = false;
    }
    return violations;
  }

  private static String shorten(String line) {
    return line.length() > 90 ? line.substring(0, 90) + "..." : line;
  }

  private static boolean isApi(Class<?> c) {
    if (c.isAnonymousClass() || c.isLocalClass() || c.isSynthetic()) {
      return false;
    }
    for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
      if (!Modifier.isPublic(k.getModifiers())) {
        return false;
      }
    }
    return !isInternalPackage(c.getPackage().getName());
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static void check(List<String> violations, Class<?> owner, String where, Type type) {
    for (Class<?> mentioned : mentionedClasses(type)) {
      Package p = mentioned.getPackage();
      if (p != null && isInternalPackage(p.getName())) {
        violations.add(owner.getName() + ": " + where + " mentions internal type " + mentioned.getName());
      }
    }
  }

  private static Set<Class<?>> mentionedClasses(Type type) {
    Set<Class<?>> out = new HashSet<>();
    collect(type, out, new HashSet<>());
    return out;
  }

  private static void collect(Type type, Set<Class<?>> out, Set<Type> seen) {
    if (type == null || !seen.add(type)) {
      return;
    }
    if (type instanceof Class) {
      Class<?> c = (Class<?>) type;
      while (c.isArray()) {
        c = c.getComponentType();
      }
      if (!c.isPrimitive()) {
        out.add(c);
      }
    } else if (type instanceof ParameterizedType) {
      ParameterizedType p = (ParameterizedType) type;
      collect(p.getRawType(), out, seen);
      for (Type a : p.getActualTypeArguments()) {
        collect(a, out, seen);
      }
    } else if (type instanceof GenericArrayType) {
      collect(((GenericArrayType) type).getGenericComponentType(), out, seen);
    } else if (type instanceof WildcardType) {
      WildcardType w = (WildcardType) type;
      for (Type b : w.getUpperBounds()) {
        collect(b, out, seen);
      }
      for (Type b : w.getLowerBounds()) {
        collect(b, out, seen);
      }
    } else if (type instanceof TypeVariable) {
      for (Type b : ((TypeVariable<?>) type).getBounds()) {
        collect(b, out, seen);
      }
    }
  }
}
