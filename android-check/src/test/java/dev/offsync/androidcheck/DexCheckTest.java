package dev.offsync.androidcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check fails on planted violations (so it can fail at all) and passes what API 26 and D8 support. */
class DexCheckTest {
  private static final Path DIR = Path.of(System.getProperty("dexcheck.dir", "target/dexcheck"));
  private static final Path FIXTURES = Path.of("target/test-classes/dev/offsync/androidcheck/fixture");
  private static ApiSignature api;

  @TempDir Path work;

  @BeforeAll
  static void readSignature() throws IOException {
    api = ApiSignature.read(DIR.resolve("reference/android-api-level-26.signature"));
  }

  private DexCheck.Outcome check(AllowList allow, String... classes) throws IOException {
    Path jar = work.resolve("fixture.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (String c : classes) {
        out.putNextEntry(new JarEntry("dev/offsync/androidcheck/fixture/" + c + ".class"));
        out.write(Files.readAllBytes(FIXTURES.resolve(c + ".class")));
        out.closeEntry();
      }
    }
    List<String> keep = List.of("-keep public class dev.offsync.androidcheck.fixture.** { public *; }");
    return DexCheck.check(List.of(jar), List.of(), keep, DIR.resolve("reference/android-all.jar"), api, allow,
        work);
  }

  private static List<String> targets(DexCheck.Outcome o) {
    return o.violations.stream().map(v -> v.kind + " " + v.target).collect(Collectors.toList());
  }

  @Test
  void passesApi26CodeAndBackportedMethods() throws IOException {
    DexCheck.Outcome o = check(AllowList.none(), "Clean");

    assertThat(o.r8Errors).isEmpty();
    assertThat(o.violations).isEmpty();
    assertThat(o.classesChecked).isPositive();
    assertThat(o.passed()).isTrue();
  }

  @Test
  void failsOnJavaMethodsAndClassesMissingAtApi26() throws IOException {
    DexCheck.Outcome o = check(AllowList.none(), "UsesNewJavaApi");

    assertThat(o.passed()).isFalse();
    assertThat(targets(o)).contains(
        "MISSING_METHOD java/lang/Class.getPackageName()Ljava/lang/String;",
        "MISSING_CLASS java/lang/StackWalker");
    assertThat(o.violations).allSatisfy(
        v -> assertThat(v.fromClass).isEqualTo("dev/offsync/androidcheck/fixture/UsesNewJavaApi"));
  }

  @Test
  void failsOnAClassMissingFromTheProgramAndTheFramework() throws IOException {
    DexCheck.Outcome o = check(AllowList.none(), "UsesAbsent");

    assertThat(o.passed()).isFalse();
    assertThat(o.r8Errors).anySatisfy(e -> assertThat(e).contains("dev.offsync.androidcheck.fixture.Absent"));
  }

  @Test
  void anAllowListEntryAcceptsOnlyWhatItNames() throws IOException {
    AllowList allow = new AllowList().allow("dev/offsync/androidcheck/fixture/UsesNewJavaApi", "java/lang/StackWalker",
        "planted: test only");

    DexCheck.Outcome o = check(allow, "UsesNewJavaApi");

    assertThat(targets(o)).containsExactly("MISSING_METHOD java/lang/Class.getPackageName()Ljava/lang/String;");
    assertThat(o.allowed).extracting(v -> v.target).contains("java/lang/StackWalker");
    assertThat(allow.entries().get(0).hits).isPositive();
  }
}
