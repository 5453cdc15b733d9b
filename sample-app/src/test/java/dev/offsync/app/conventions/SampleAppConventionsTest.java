package dev.offsync.app.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.conventions.ApiConventions;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** sample-app's API is {@code dev.offsync.app.Main} alone; everything else is internal; Javadoc everywhere. */
class SampleAppConventionsTest {
  private static final Path CLASSES = Paths.get("target", "classes");
  private static final Path SOURCES = Paths.get("src", "main", "java");

  @Test
  void onlyMainIsPublicOutsideInternal() {
    List<Class<?>> classes = ApiConventions.classesUnder(CLASSES, "dev.offsync.app");
    assertThat(classes).isNotEmpty();
    List<String> publicApi = classes.stream()
        .filter(c -> !ApiConventions.isInternalPackage(c.getPackageName()))
        .filter(c -> Modifier.isPublic(c.getModifiers()))
        .map(Class::getName)
        .collect(Collectors.toList());
    assertThat(publicApi).containsExactly("dev.offsync.app.Main");
  }

  @Test
  void publicSignaturesNeverMentionInternalTypes() {
    assertThat(ApiConventions.internalTypesInPublicSignatures(
        ApiConventions.classesUnder(CLASSES, "dev.offsync.app"))).isEmpty();
  }

  @Test
  void everyPublicDeclarationHasJavadoc() {
    assertThat(ApiConventions.undocumentedApi(SOURCES)).isEmpty();
  }
}
