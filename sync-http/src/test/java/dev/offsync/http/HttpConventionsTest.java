package dev.offsync.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.conventions.ApiConventions;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

/** sync-http's public API follows CONTRIBUTING.md: no internal leaks, final classes, Javadoc everywhere. */
class HttpConventionsTest {
  private static final Path CLASSES = Paths.get("target", "classes");
  private static final Path SOURCES = Paths.get("src", "main", "java");

  @Test
  void publicSignaturesNeverMentionInternalTypes() {
    List<Class<?>> classes = ApiConventions.classesUnder(CLASSES, "dev.offsync.http");
    assertThat(classes).hasSizeGreaterThan(50);
    assertThat(ApiConventions.internalTypesInPublicSignatures(classes)).isEmpty();
  }

  @Test
  void concreteApiClassesAreFinal() {
    assertThat(ApiConventions.nonFinalConcreteApiClasses(ApiConventions.classesUnder(CLASSES, "dev.offsync.http")))
        .isEmpty();
  }

  @Test
  void everyPublicDeclarationHasJavadoc() {
    assertThat(ApiConventions.undocumentedApi(SOURCES)).isEmpty();
  }
}
