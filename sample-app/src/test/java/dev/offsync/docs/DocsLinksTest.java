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
 * resolves to a file inside the repository, and so does every relative path the text names outside a link
 * (a {@code ../...} path in backticks, say): nothing a reader is sent to lies outside the clone (the reference notes
 * the project was built from are copied into docs/reference/).
 */
class DocsLinksTest {
  private static final Path ROOT = Paths.get("..").toAbsolutePath().normalize();
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  /** A relative path climbing out of the file's folder, anywhere in the text (not only in links). */
  private static final Pattern PARENT_PATH = Pattern.compile("(?<![\\w./])(\\.\\./[^\\s`)\\]'\"<>,;]+)");

  private static List<Path> markdown() throws IOException {
    try (Stream<Path> files = Files.walk(ROOT)) {
      return files.filter(p -> p.toString().endsWith(".md"))
          .filter(p -> !ROOT.relativize(p).toString().contains("target"))
          .filter(p -> !ROOT.relativize(p).startsWith(".git"))
          // npm packages of the real-browser tests (git-ignored, installed by npm ci): not our docs
          .filter(p -> !ROOT.relativize(p).toString().contains("node_modules"))
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
      Matcher named = PARENT_PATH.matcher(text);
      while (named.find()) {
        String path = named.group(1).replaceAll("[.:]+$", "").replaceAll("#.*$", "");
        Path resolved = doc.getParent().resolve(path).normalize();
        if (!resolved.startsWith(ROOT) || !Files.exists(resolved)) {
          broken.add(ROOT.relativize(doc) + ": names " + path + ", which is not in the repository");
        }
      }
    }
    assertThat(broken).as("links that do not resolve inside the repository").isEmpty();
  }
}
