package dev.offsync.android;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.conventions.ApiConventions;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * sync-android's public API follows CONTRIBUTING.md: no internal leaks, final classes, Javadoc everywhere, and the
 * small API it is meant to be. (Plain JUnit 5, outside Robolectric: the classes are inspected, not run.)
 */
class SyncAndroidConventionsTest {
  private static final Path CLASSES = Paths.get("target", "classes");
  private static final Path SOURCES = Paths.get("src", "main", "java");

  private static List<Class<?>> classes() {
    return ApiConventions.classesUnder(CLASSES, "dev.offsync.android");
  }

  @Test
  void publicSignaturesNeverMentionInternalTypes() {
    assertThat(classes()).isNotEmpty();
    assertThat(ApiConventions.internalTypesInPublicSignatures(classes())).isEmpty();
  }

  @Test
  void concreteApiClassesAreFinal() {
    assertThat(ApiConventions.nonFinalConcreteApiClasses(classes())).isEmpty();
  }

  @Test
  void everyPublicDeclarationHasJavadoc() {
    assertThat(ApiConventions.undocumentedApi(SOURCES)).isEmpty();
  }

  @Test
  void thePlatformApiIsTheOneDocumented() {
    List<String> api = classes().stream()
        .filter(c -> Modifier.isPublic(c.getModifiers()))
        .filter(c -> !ApiConventions.isInternalPackage(c.getPackage().getName()))
        .filter(c -> c.getName().startsWith("dev.offsync.android.")
            && !c.getName().startsWith("dev.offsync.android.robolectric"))
        .map(Class::getName)
        .map(n -> n.substring("dev.offsync.android.".length()))
        .collect(Collectors.toList());
    // other parts of the module (the SQLite store) add their own types; these are the platform pieces
    assertThat(api).contains(
        "AndroidConnectivityMonitor", "NetworkState",
        "BackgroundSync", "BackgroundSyncOptions", "BackgroundSyncOptions$Builder", "NetworkRequirement",
        "SyncJobService", "SyncClientProvider", "MissingSyncClientProviderException",
        "SyncRunner", "SyncRunResult", "SyncRunResult$Outcome",
        "SharedPreferencesIdentityCache");
  }
}
