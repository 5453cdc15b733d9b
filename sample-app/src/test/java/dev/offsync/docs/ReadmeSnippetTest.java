package dev.offsync.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * README.md's Java snippets cannot rot: each {@code ```java} block must appear, line for line (indentation and blank
 * lines aside), in {@link ReadmeExample}, which the build compiles and {@link ReadmeWiringTest} runs against a real
 * server. A snippet edited in the README but not in the example (or the other way round) fails here.
 */
class ReadmeSnippetTest {
  private static final Path README = Paths.get("..", "README.md");
  private static final Path EXAMPLE =
      Paths.get("src", "test", "java", "dev", "offsync", "docs", "ReadmeExample.java");
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

  @Test
  void everyJavaSnippetOfTheReadmeIsInTheCompiledExample() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    List<String> snippets = snippets(readme);
    assertThat(snippets).as("java snippets in " + README).isNotEmpty();
    String example = normalize(Files.readString(EXAMPLE, StandardCharsets.UTF_8));
    for (String snippet : snippets) {
      assertThat(example).as("README.md snippet not found in %s:%n%s", EXAMPLE, snippet).contains(normalize(snippet));
    }
  }

  @Test
  void theSnippetIsCompleteAndAlwaysPassesAnErrorConsumer() throws IOException {
    String snippet = String.join("\n", snippets(Files.readString(README, StandardCharsets.UTF_8)));
    // where every name the snippet uses comes from
    assertThat(snippet).contains("CognitoIdentityCredentialsProvider credentials =",
        "IdentityProvider identityProvider =", "CognitoSyncClient cognitoSyncClient =");
    assertThat(snippet).doesNotContain("...");
    assertThat(snippet).doesNotContainPattern("\\.subscribe\\([^,()]*(\\([^()]*\\))?[^,()]*\\)");
  }

  static List<String> snippets(String markdown) {
    List<String> out = new ArrayList<>();
    Matcher m = JAVA_BLOCK.matcher(markdown);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** Lines stripped of leading and trailing blanks, blank lines dropped, joined by newlines. */
  static String normalize(String text) {
    return text.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
  }
}
