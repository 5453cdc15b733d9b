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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The docs ship with the repository: every relative link of README.md, docs/ and the modules' Markdown files
 * resolves to a file inside the repository, and none points at the workspace's {@code ../shared} notes (they are
 * copied into docs/reference/).
 */
class DocsLinksTest {
  private static final Path ROOT = Paths.get("..").toAbsolutePath().normalize();
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  private static List<Path> markdown() throws IOException {
    try (Stream<Path> files = Files.walk(ROOT)) {
      return files.filter(p -> p.toString().endsWith(".md"))
          .filter(p -> !ROOT.relativize(p).toString().contains("target"))
          .filter(p -> !ROOT.relativize(p).startsWith(".git"))
          .sorted().collect(Collectors.toList());
    }
  }

  @Test
  void everyRelativeLinkResolvesInsideTheRepository() throws IOException {
    List<Path> docs = markdown();
    assertThat(docs).contains(ROOT.resolve("README.md"), ROOT.resolve("docs").resolve("sync-engine.md"));
    List<String> broken = new ArrayList<>();
    for (Path doc : docs) {
      String text = Files.readString(doc, StandardCharsets.UTF_8);
      Matcher m = LINK.matcher(text);
      while (m.find()) {
        String target = m.group(1);
        if (target.matches("^[a-z]+:.*") || target.startsWith("#")) {
          continue; // a web link, or an anchor of the same page
        }
        String file = target.replaceAll("#.*$", "");
        Path resolved = doc.getParent().resolve(file).normalize();
        if (!resolved.startsWith(ROOT) || !Files.exists(resolved)) {
          broken.add(ROOT.relativize(doc) + ": " + target);
        }
      }
      if (text.contains("../shared") || text.contains("shared/docs") || text.contains("shared/spec")) {
        broken.add(ROOT.relativize(doc) + ": mentions the workspace's shared notes");
      }
    }
    assertThat(broken).as("links that do not resolve inside the repository").isEmpty();
  }
}
