package dev.offsync.androidcheck;

import com.android.tools.r8.ClassFileConsumer;
import com.android.tools.r8.CompilationFailedException;
import com.android.tools.r8.CompilationMode;
import com.android.tools.r8.D8;
import com.android.tools.r8.D8Command;
import com.android.tools.r8.Diagnostic;
import com.android.tools.r8.DiagnosticsHandler;
import com.android.tools.r8.DexIndexedConsumer;
import com.android.tools.r8.JdkClassFileProvider;
import com.android.tools.r8.R8;
import com.android.tools.r8.R8Command;
import com.android.tools.r8.origin.Origin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs R8 and D8 in process at --min-api 26, release mode, against the Android framework (android-all: android.*)
 * and the running JDK (java.*; what API 26 lacks of it is the signature check's job), collecting R8's errors
 * (missing classes among them) instead of printing them.
 */
final class Dexer {
  static final int MIN_API = 26;

  private final Path androidAll;

  Dexer(Path androidAll) {
    this.androidAll = androidAll;
  }

  /** R8's errors and warnings of one run. */
  static final class Diagnostics implements DiagnosticsHandler {
    final List<String> errors = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();

    @Override
    public void error(Diagnostic d) {
      errors.add(d.getDiagnosticMessage() + origin(d));
    }

    @Override
    public void warning(Diagnostic d) {
      warnings.add(d.getDiagnosticMessage() + origin(d));
    }

    @Override
    public void info(Diagnostic d) {}

    private static String origin(Diagnostic d) {
      return d.getOrigin() == Origin.unknown() ? "" : " [" + d.getOrigin() + "]";
    }
  }

  /**
   * Shrinks {@code program} with {@code rules} (files) and {@code extraRules} (lines) to class files in
   * {@code outJar}; {@code libraryJars} are extra library (not program) jars.
   */
  Diagnostics shrinkToClassFiles(List<Path> program, List<Path> libraryJars, List<Path> rules, List<String> extraRules,
      Path outJar) throws IOException {
    Diagnostics d = new Diagnostics();
    Files.createDirectories(outJar.getParent());
    // R8 does not desugar to class files (no --min-api there): shrink first, then let D8 desugar the result as
    // for a dex at API 26 (backports of newer java.* methods, lambdas, ...), still as class files to check.
    Path shrunk = outJar.resolveSibling(outJar.getFileName() + ".undesugared.jar");
    Files.deleteIfExists(shrunk);
    R8Command.Builder b = R8Command.builder(d)
        .addProgramFiles(program)
        .addLibraryFiles(androidAll)
        .addLibraryFiles(libraryJars)
        .addLibraryResourceProvider(JdkClassFileProvider.fromSystemJdk())
        .addProguardConfigurationFiles(rules)
        .addProguardConfiguration(extraRules, Origin.unknown())
        .setMode(CompilationMode.RELEASE)
        .setProgramConsumer(new ClassFileConsumer.ArchiveConsumer(shrunk));
    run(b, d);
    if (!d.errors.isEmpty()) {
      return d;
    }
    D8Command.Builder desugar = D8Command.builder(d)
        .addProgramFiles(shrunk)
        .addLibraryFiles(androidAll)
        .addLibraryFiles(libraryJars)
        .addLibraryResourceProvider(JdkClassFileProvider.fromSystemJdk())
        .setMinApiLevel(MIN_API)
        .setMode(CompilationMode.RELEASE)
        .setProgramConsumer(new ClassFileConsumer.ArchiveConsumer(outJar));
    try {
      D8.run(desugar.build());
    } catch (CompilationFailedException e) {
      if (d.errors.isEmpty()) {
        d.errors.add(String.valueOf(e));
      }
    }
    return d;
  }

  /** Shrinks to dex files in {@code outDir} (what an app's release build does with these classes). */
  Diagnostics shrinkToDex(List<Path> program, List<Path> libraryJars, List<Path> rules, List<String> extraRules,
      Path outDir) throws IOException {
    Diagnostics d = new Diagnostics();
    Files.createDirectories(outDir);
    R8Command.Builder b = r8(program, libraryJars, rules, extraRules, d)
        .setProgramConsumer(new DexIndexedConsumer.DirectoryConsumer(outDir));
    run(b, d);
    return d;
  }

  /** Dexes without shrinking (D8, as a debug build or an app without minification gets it). */
  Diagnostics dex(List<Path> program, List<Path> classpath, Path outDir) throws IOException {
    Diagnostics d = new Diagnostics();
    Files.createDirectories(outDir);
    D8Command.Builder b = D8Command.builder(d)
        .addProgramFiles(program)
        .addClasspathFiles(classpath)
        .addLibraryFiles(androidAll)
        .addLibraryResourceProvider(JdkClassFileProvider.fromSystemJdk())
        .setMinApiLevel(MIN_API)
        .setMode(CompilationMode.RELEASE)
        .setProgramConsumer(new DexIndexedConsumer.DirectoryConsumer(outDir));
    try {
      D8.run(b.build());
    } catch (CompilationFailedException e) {
      if (d.errors.isEmpty()) {
        d.errors.add(String.valueOf(e));
      }
    }
    return d;
  }

  private R8Command.Builder r8(List<Path> program, List<Path> libraryJars, List<Path> rules, List<String> extraRules,
      Diagnostics d) throws IOException {
    return R8Command.builder(d)
        .addProgramFiles(program)
        .addLibraryFiles(androidAll)
        .addLibraryFiles(libraryJars)
        .addLibraryResourceProvider(JdkClassFileProvider.fromSystemJdk())
        .addProguardConfigurationFiles(rules)
        .addProguardConfiguration(extraRules, Origin.unknown())
        .setMinApiLevel(MIN_API)
        .setMode(CompilationMode.RELEASE);
  }

  private static void run(R8Command.Builder b, Diagnostics d) {
    try {
      R8.run(b.build());
    } catch (CompilationFailedException e) {
      if (d.errors.isEmpty()) {
        d.errors.add(String.valueOf(e));
      }
    }
  }
}
