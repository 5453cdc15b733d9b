package dev.offsync.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.conventions.ApiConventions;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * sync-server's public API ({@code dev.offsync.server}) and SPI ({@code dev.offsync.server.spi}) follow
 * CONTRIBUTING.md: no internal type in a public signature, concrete API classes final, Javadoc everywhere.
 */
class ServerConventionsTest {
  private static final Path CLASSES = Paths.get("target", "classes");
  private static final Path SOURCES = Paths.get("src", "main", "java");

  @Test
  void publicSignaturesNeverMentionInternalTypes() {
    List<Class<?>> classes = ApiConventions.classesUnder(CLASSES, "dev.offsync.server");
    assertThat(classes).hasSizeGreaterThan(50);
    assertThat(ApiConventions.internalTypesInPublicSignatures(classes)).isEmpty();
  }

  @Test
  void concreteApiClassesAreFinal() {
    assertThat(ApiConventions.nonFinalConcreteApiClasses(ApiConventions.classesUnder(CLASSES, "dev.offsync.server")))
        .isEmpty();
  }

  @Test
  void everyPublicDeclarationHasJavadoc() {
    assertThat(ApiConventions.undocumentedApi(SOURCES)).isEmpty();
  }
}
