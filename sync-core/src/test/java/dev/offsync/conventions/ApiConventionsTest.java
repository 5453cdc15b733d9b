package dev.offsync.conventions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offsync.conventions.fixtures.LeakyApi;
import dev.offsync.conventions.internal.HiddenEngineType;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker itself: it must catch what it claims to catch, or the module tests prove nothing. */
class ApiConventionsTest {

  @Test
  void reportsInternalTypesInPublicSignatures() {
    List<String> violations = ApiConventions.internalTypesInPublicSignatures(
        Collections.<Class<?>>singletonList(LeakyApi.class));

    assertThat(violations).hasSize(2);
    assertThat(violations).allMatch(v -> v.contains(HiddenEngineType.class.getName()));
    assertThat(violations).anyMatch(v -> v.contains("method engine returns"));
    assertThat(violations).anyMatch(v -> v.contains("method accept parameter"));
  }

  @Test
  void internalPackagesAreNotCheckedThemselves() {
    assertThat(ApiConventions.internalTypesInPublicSignatures(
        Collections.<Class<?>>singletonList(HiddenEngineType.class))).isEmpty();
    assertThat(ApiConventions.nonFinalConcreteApiClasses(
        Collections.<Class<?>>singletonList(HiddenEngineType.class))).isEmpty();
  }

  @Test
  void reportsNonFinalConcreteApiClasses() {
    assertThat(ApiConventions.nonFinalConcreteApiClasses(
        Collections.<Class<?>>singletonList(LeakyApi.class)))
        .containsExactly(LeakyApi.class.getName() + " is a concrete public API class but not final");
  }

  @Test
  void reportsPublicDeclarationsWithoutJavadoc() {
    List<String> lines = Arrays.asList(
        "package x;",
        "/** Documented. */",
        "public final class A {",
        "  public static final int UNDOCUMENTED = 1;",
        "  /** Documented. */",
        "  @Deprecated",
        "  public void documented() {}",
        "  @Override",
        "  public String toString() { return \"\"; }",
        "  public void undocumented() {}",
        "  /*",
        "   * public void insideAComment() {}",
        "   */",
        "  void packagePrivate() {}",
        "}");

    assertThat(ApiConventions.undocumentedDeclarations("A.java", lines)).containsExactly(
        "A.java:4: no Javadoc on `public static final int UNDOCUMENTED = 1;`",
        "A.java:10: no Javadoc on `public void undocumented() {}`");
  }

  @Test
  void aCheckThatFindsNothingToCheckFailsInsteadOfPassing() {
    Path nowhere = Paths.get("target", "no-such-directory");
    assertThatThrownBy(() -> ApiConventions.classesUnder(nowhere, "dev.offsync"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("no compiled classes");
    assertThatThrownBy(() -> ApiConventions.undocumentedApi(nowhere))
        .isInstanceOf(AssertionError.class).hasMessageContaining("no sources");
  }
}
