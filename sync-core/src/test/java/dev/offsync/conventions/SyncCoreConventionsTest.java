package dev.offsync.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

/** sync-core's public API follows CONTRIBUTING.md: no internal leaks, final values, Javadoc everywhere. */
class SyncCoreConventionsTest {
  private static final Path CLASSES = Paths.get("target", "classes");
  private static final Path SOURCES = Paths.get("src", "main", "java");

  @Test
  void publicSignaturesNeverMentionInternalTypes() {
    List<Class<?>> classes = ApiConventions.classesUnder(CLASSES, "dev.offsync");
    assertThat(classes).isNotEmpty();
    assertThat(ApiConventions.internalTypesInPublicSignatures(classes)).isEmpty();
  }

  @Test
  void concreteApiClassesAreFinal() {
    assertThat(ApiConventions.nonFinalConcreteApiClasses(ApiConventions.classesUnder(CLASSES, "dev.offsync")))
        .isEmpty();
  }

  @Test
  void everyPublicDeclarationHasJavadoc() {
    assertThat(ApiConventions.undocumentedApi(SOURCES)).isEmpty();
  }
}
