package dev.offsync.androidcheck;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Android dex check of the build, run by exec:java in android-check's verify phase with the directory the pom
 * filled (program/: sync-android's runtime class path; aar/: okhttp-android and its AARs, unpacked; android/:
 * their jars; reference/: the framework jar and the API 26 signature).
 *
 * <p>It shrinks offsync's three jars and their runtime dependencies with R8 as an Android app's release build
 * would (--min-api 26, the consumer rules the jars and AARs ship, and an app rule keeping offsync's public API),
 * fails on any R8 error (a missing class among them), then checks every class, method and field the shrunk code
 * references against the program and the Android API 26 signature, and fails on any the allow-list does not
 * accept. With {@code -Ddexcheck.footprint=true} it then prints the dex size and method ids offsync adds, with D8
 * and with R8.
 */
public final class DexCheck {
  /** What an app keeps when it uses offsync: its public API (implementation packages are named internal). */
  static final List<String> APP_KEEPS_PUBLIC_API =
      List.of("-keep public class !dev.offsync.**.internal.**, dev.offsync.** { public protected *; }");

  /** R8's version, for the targeted consumer rules (META-INF/com.android.tools/r8-from-...). */
  static final String R8_VERSION = com.android.tools.r8.Version.getVersionString().replaceAll("[^0-9.].*$", "");

  private DexCheck() {}

  /** What one check found. */
  static final class Outcome {
    final List<String> r8Errors;
    final List<Violation> violations;
    final List<Violation> allowed;
    final int classesChecked;

    Outcome(List<String> r8Errors, List<Violation> violations, List<Violation> allowed, int classesChecked) {
      this.r8Errors = r8Errors;
      this.violations = violations;
      this.allowed = allowed;
      this.classesChecked = classesChecked;
    }

    boolean passed() {
      return r8Errors.isEmpty() && violations.isEmpty();
    }
  }

  /**
   * Shrinks {@code program} with R8 into {@code work}/shrunk.jar (not obfuscated, so the report names real
   * classes) and checks what remains.
   */
  static Outcome check(List<Path> program, List<Path> rules, List<String> appRules, Path androidAll,
      ApiSignature api, AllowList allow, Path work) throws IOException {
    Objects.requireNonNull(program, "program == null");
    List<String> extra = new ArrayList<>(appRules);
    extra.add("-dontobfuscate");
    Path shrunk = work.resolve("shrunk.jar");
    Files.deleteIfExists(shrunk);
    Dexer.Diagnostics d = new Dexer(androidAll).shrinkToClassFiles(program, List.of(), rules, extra, shrunk);
    if (!d.errors.isEmpty()) {
      return new Outcome(new ArrayList<>(d.errors), List.of(), List.of(), 0);
    }
    ReferenceChecker.Result r = ReferenceChecker.check(shrunk, api);
    List<Violation> violations = new ArrayList<>();
    List<Violation> allowed = new ArrayList<>();
    for (Violation v : r.violations) {
      (allow.match(v) != null ? allowed : violations).add(v);
    }
    return new Outcome(new ArrayList<>(), violations, allowed, r.classesChecked);
  }

  /**
   * Runs the check and the measurement on the directory the pom prepared.
   *
   * @param args the dexcheck directory
   * @throws Exception (failing the build) if the check finds anything
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: DexCheck <dexcheck dir>");
    }
    long start = System.nanoTime();
    PrintStream out = System.out;
    Path dir = Path.of(args[0]);
    Path androidAll = dir.resolve("reference/android-all.jar");
    ApiSignature api = ApiSignature.read(dir.resolve("reference/android-api-level-26.signature"));

    List<Path> own = new ArrayList<>();
    List<Path> deps = new ArrayList<>();
    for (Path jar : jars(dir.resolve("program"))) {
      String name = jar.getFileName().toString();
      (name.matches("sync-(core|http|android)-.*") ? own : deps).add(jar);
    }
    if (own.size() != 3) {
      throw new IllegalStateException("expected sync-core, sync-http and sync-android jars in program/, got " + own);
    }
    List<Path> aarProguard = new ArrayList<>();
    for (Path aar : dirs(dir.resolve("aar"))) {
      deps.add(aar.resolve("classes.jar"));
      aarProguard.add(aar.resolve("proguard.txt"));
    }
    deps.addAll(jars(dir.resolve("android")));
    List<Path> all = new ArrayList<>(own);
    all.addAll(deps);

    Path work = dir.resolve("work");
    deleteTree(work);
    List<ConsumerRules.RulesFile> rules =
        ConsumerRules.extract(all, aarProguard, R8_VERSION, work.resolve("rules"));
    List<Path> ruleFiles = rules.stream().map(r -> r.file).collect(Collectors.toList());

    out.println("[dexcheck] R8 " + R8_VERSION + ", --min-api " + Dexer.MIN_API + ", signature of "
        + api.size() + " API 26 classes");
    out.println("[dexcheck] program: " + names(all));
    out.println("[dexcheck] consumer rules: "
        + rules.stream().map(r -> r.origin).collect(Collectors.joining(", ")));
    out.println("[dexcheck] app rule: " + APP_KEEPS_PUBLIC_API);

    AllowList allow = Allowed.LIST;
    long t = System.nanoTime();
    Outcome o = check(all, ruleFiles, APP_KEEPS_PUBLIC_API, androidAll, api, allow, work);
    report(o, allow, out);
    out.printf("[dexcheck] shrink + desugar + check: %.1f s%n", (System.nanoTime() - t) / 1e9);
    for (AllowList.Entry e : allow.entries()) {
      if (e.hits == 0) {
        o.r8Errors.add("stale allow-list entry (matches nothing): " + e);
      }
    }
    if (!o.passed()) {
      throw new IllegalStateException("Android dex check failed: " + o.r8Errors.size() + " R8 errors, "
          + o.violations.size() + " references missing at API " + Dexer.MIN_API + " (see above)");
    }

    if (!Boolean.getBoolean("dexcheck.footprint")) {
      out.println("[dexcheck] footprint not measured (-Ddexcheck.footprint=true measures it: 2 more R8 and D8 runs)");
      out.printf("[dexcheck] passed in %.1f s%n", (System.nanoTime() - start) / 1e9);
      return;
    }
    Dexer dexer = new Dexer(androidAll);
    out.println("[dexcheck] footprint (release, --min-api " + Dexer.MIN_API + "):");
    measure(out, "D8, offsync's 3 jars          ", dexer.dex(own, deps, work.resolve("d8-own")), work.resolve("d8-own"));
    measure(out, "D8, with runtime dependencies ", dexer.dex(all, List.of(), work.resolve("d8-all")), work.resolve("d8-all"));
    measure(out, "R8, offsync's 3 jars          ", dexer.shrinkToDex(own, deps, ruleFiles, APP_KEEPS_PUBLIC_API,
        work.resolve("r8-own")), work.resolve("r8-own"));
    measure(out, "R8, with runtime dependencies ", dexer.shrinkToDex(all, List.of(), ruleFiles, APP_KEEPS_PUBLIC_API,
        work.resolve("r8-all")), work.resolve("r8-all"));
    out.printf("[dexcheck] passed in %.1f s%n", (System.nanoTime() - start) / 1e9);
  }

  private static void report(Outcome o, AllowList allow, PrintStream out) {
    for (String e : o.r8Errors) {
      out.println("[dexcheck] R8 ERROR: " + e);
    }
    for (Violation v : o.violations) {
      out.println("[dexcheck] MISSING AT API " + Dexer.MIN_API + ": " + v);
    }
    out.println("[dexcheck] checked " + o.classesChecked + " shrunk classes: " + o.violations.size()
        + " violations, " + o.allowed.size() + " allowed references");
    for (AllowList.Entry e : allow.entries()) {
      out.println("[dexcheck]   allowed " + e);
    }
  }

  private static void measure(PrintStream out, String label, Dexer.Diagnostics d, Path dexDir) throws IOException {
    if (!d.errors.isEmpty()) {
      throw new IllegalStateException(label.trim() + " failed: " + d.errors);
    }
    out.println("[dexcheck]   " + label + DexFootprint.of(dexDir));
  }

  private static List<Path> jars(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
    }
  }

  private static List<Path> dirs(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).sorted().collect(Collectors.toList());
    }
  }

  private static String names(List<Path> paths) {
    return paths.stream().map(p -> p.getFileName().toString().equals("classes.jar")
        ? p.getParent().getFileName() + ".aar" : p.getFileName().toString()).collect(Collectors.joining(", "));
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).collect(Collectors.toList())) {
        Files.delete(p);
      }
    }
  }
}
