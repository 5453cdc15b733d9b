package dev.offsync.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.testing.NoUndeliverableErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every test class of the engine, model and regression suites fails on an undeliverable error. */
class UndeliverableCheckedTest {
  @Test
  void everyEngineModelAndRegressionSuiteRegistersNoUndeliverableErrors() throws IOException {
    List<String> suites = new ArrayList<>();
    List<String> unchecked = new ArrayList<>();
    for (String pkg : new String[] {"engine", "model", "regression"}) {
      Path dir = Paths.get("src", "test", "java", "dev", "offsync", pkg);
      List<String> names;
      try (Stream<Path> files = Files.list(dir)) {
        names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("Test.java"))
            .map(n -> n.substring(0, n.length() - ".java".length())).sorted().collect(Collectors.toList());
      }
      for (String name : names) {
        String type = "dev.offsync." + pkg + "." + name;
        suites.add(type);
        Class<?> c;
        try {
          c = Class.forName(type);
        } catch (ClassNotFoundException e) {
          throw new AssertionError(e);
        }
        ExtendWith ext = c.getAnnotation(ExtendWith.class);
        if (ext == null || !Arrays.asList(ext.value()).contains(NoUndeliverableErrors.class)) {
          unchecked.add(type);
        }
      }
    }
    assertThat(suites).contains("dev.offsync.engine.CloseDuringSyncTest", "dev.offsync.model.ModelBasedSyncTest");
    assertThat(unchecked).as("suites without @ExtendWith(NoUndeliverableErrors.class)").isEmpty();
  }
}
