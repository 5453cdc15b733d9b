package dev.offsync.awscompat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.conventions.ApiConventions;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** sync-aws-compat's public API follows the project conventions, and never reuses a sync-core simple name. */
class CompatConventionsTest {
  private static final Path CLASSES = Paths.get("target", "classes");
  private static final Path SOURCES = Paths.get("src", "main", "java");

  @Test
  void publicSignaturesNeverMentionInternalTypes() {
    List<Class<?>> classes = ApiConventions.classesUnder(CLASSES, "dev.offsync.awscompat");
    assertThat(classes).contains(CognitoSyncCompat.class, CompatDataset.class, CompatConflict.class);
    assertThat(ApiConventions.internalTypesInPublicSignatures(classes)).isEmpty();
  }

  @Test
  void concreteApiClassesAreFinal() {
    assertThat(ApiConventions.nonFinalConcreteApiClasses(
        ApiConventions.classesUnder(CLASSES, "dev.offsync.awscompat"))).isEmpty();
  }

  @Test
  void everyPublicDeclarationHasJavadoc() {
    assertThat(ApiConventions.undocumentedApi(SOURCES)).isEmpty();
  }

  /** Auto-import must never offer a compat type where the sync-core type of the same name was meant. */
  @Test
  void noTopLevelNameClashesWithSyncCore() {
    Set<String> clashes = new TreeSet<>();
    for (Class<?> c : ApiConventions.classesUnder(CLASSES, "dev.offsync.awscompat")) {
      if (c.getEnclosingClass() == null && java.lang.reflect.Modifier.isPublic(c.getModifiers())) {
        for (String pkg : new String[] {"dev.offsync.", "dev.offsync.spi."}) {
          if (exists(pkg + c.getSimpleName())) {
            clashes.add(pkg + c.getSimpleName());
          }
        }
      }
    }
    assertThat(exists("dev.offsync.SyncConflict")).isTrue();
    assertThat(clashes).isEmpty();
  }

  private static boolean exists(String name) {
    try {
      Class.forName(name, false, CompatConventionsTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
