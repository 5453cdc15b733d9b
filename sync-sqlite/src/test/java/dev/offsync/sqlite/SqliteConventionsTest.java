package dev.offsync.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.conventions.ApiConventions;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

/** sync-sqlite's public API follows the project conventions: no internal leaks, final classes, Javadoc. */
class SqliteConventionsTest {
  private static final Path CLASSES = Paths.get("target", "classes");
  private static final Path SOURCES = Paths.get("src", "main", "java");

  @Test
  void publicSignaturesNeverMentionInternalTypes() {
    List<Class<?>> classes = ApiConventions.classesUnder(CLASSES, "dev.offsync.sqlite");
    assertThat(classes).contains(SqliteLocalStore.class, SqliteStoreConfig.class);
    assertThat(ApiConventions.internalTypesInPublicSignatures(classes)).isEmpty();
  }

  @Test
  void concreteApiClassesAreFinal() {
    assertThat(ApiConventions.nonFinalConcreteApiClasses(
        ApiConventions.classesUnder(CLASSES, "dev.offsync.sqlite"))).isEmpty();
  }

  @Test
  void everyPublicDeclarationHasJavadoc() {
    assertThat(ApiConventions.undocumentedApi(SOURCES)).isEmpty();
  }
}
