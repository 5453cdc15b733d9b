package dev.offsync.android.docs;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java snippet of docs/android.md is compiled: each {@code ```java} block must appear, line for line (leading
 * indentation and blank lines aside), in the example sources of this package, which the build compiles and whose
 * tests run them against a real server. A snippet edited in the doc but not in the example (or the other way round)
 * fails here.
 */
class DocSnippetsTest {
  private static final Path DOC = Paths.get("..", "docs", "android.md");
  private static final Path EXAMPLES = Paths.get("src", "test", "java", "dev", "offsync", "android", "docs");
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

  @Test
  void everyJavaSnippetOfTheAndroidGuideIsInTheCompiledExamples() throws IOException {
    List<String> snippets = snippets(Files.readString(DOC, StandardCharsets.UTF_8));
    assertThat(snippets).as("java snippets in " + DOC).isNotEmpty();
    String examples;
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      examples = normalize(files.filter(p -> p.toString().endsWith(".java")).sorted()
          .map(DocSnippetsTest::read).collect(Collectors.joining("\n")));
    }
    for (String snippet : snippets) {
      assertThat(examples).as("docs/android.md snippet not found in the compiled examples:%n%s", snippet)
          .contains(normalize(snippet));
    }
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

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
