package dev.offsync.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a Playwright script (Node.js, {@code playwright-core} driving headless Debian {@code chromium}) from the npm
 * project in {@code sync-server/src/test/browser} and returns the JSON it prints. Reusable by every real-browser
 * test: put the script in that folder, {@code require('./browser')} for {@code launch()} and {@code report(obj)}, call
 * {@link #requireAvailable()} in the test, then {@link #run}.
 *
 * <p>Prerequisites: {@code node} on the PATH, {@code /usr/bin/chromium} (or {@code -Doffsync.browser.chromium=PATH}),
 * and {@code npm ci} done in the project folder (Maven's {@code generate-test-resources} does it when
 * {@code node_modules} is missing). When one is missing the test FAILS; developers without a browser pass
 * {@code -Doffsync.browser.skip=true} to skip instead.
 */
public final class Browser {
  /** System property: {@code true} skips real-browser tests instead of failing them. */
  public static final String SKIP_PROPERTY = "offsync.browser.skip";
  /** System property: the Chromium executable (default {@code /usr/bin/chromium}). */
  public static final String CHROMIUM_PROPERTY = "offsync.browser.chromium";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What a script did.
   *
   * @param exitCode the process's exit code
   * @param json the last stdout line that parsed as JSON (null if none)
   * @param stdout all of stdout
   * @param stderr all of stderr
   */
  public record Result(int exitCode, JsonNode json, String stdout, String stderr) {
    /**
     * The JSON, failing with the script's output when it exited non-zero or printed none.
     *
     * @return the JSON
     */
    public JsonNode requireJson() {
      if (exitCode != 0 || json == null) {
        throw new AssertionError("browser script failed (exit " + exitCode + ")\n--- stdout\n" + stdout
            + "\n--- stderr\n" + stderr);
      }
      return json;
    }
  }

  private Browser() {}

  /**
   * The npm project folder, {@code sync-server/src/test/browser}, found from the working directory (Surefire runs in
   * the module's folder; an IDE may run in the repository root).
   *
   * @return the folder
   */
  public static Path projectDirectory() {
    Path cwd = Paths.get("").toAbsolutePath();
    for (Path p : List.of(cwd.resolve("src/test/browser"), cwd.resolve("sync-server/src/test/browser"))) {
      if (Files.isRegularFile(p.resolve("package.json"))) {
        return p;
      }
    }
    throw new AssertionError("sync-server/src/test/browser/package.json not found from " + cwd);
  }

  /**
   * The Chromium executable.
   *
   * @return {@code -Doffsync.browser.chromium}, else {@code /usr/bin/chromium}
   */
  public static Path chromium() {
    return Paths.get(System.getProperty(CHROMIUM_PROPERTY, "/usr/bin/chromium"));
  }

  /**
   * Aborts the calling test when {@code -Doffsync.browser.skip=true}; otherwise fails it with what to install when
   * Chromium, node or the npm project's {@code node_modules} is missing.
   */
  public static void requireAvailable() {
    Assumptions.assumeFalse(Boolean.getBoolean(SKIP_PROPERTY), "real-browser test skipped (-D" + SKIP_PROPERTY + "=true)");
    List<String> missing = new ArrayList<>();
    if (!Files.isExecutable(chromium())) {
      missing.add(chromium() + " (apt-get install -y chromium)");
    }
    if (!Files.isDirectory(projectDirectory().resolve("node_modules/playwright-core"))) {
      missing.add(projectDirectory().resolve("node_modules") + " (npm ci in " + projectDirectory() + ")");
    }
    if (findOnPath("node") == null) {
      missing.add("node on the PATH");
    }
    if (!missing.isEmpty()) {
      throw new AssertionError("real-browser test cannot run, missing: " + String.join("; ", missing)
          + ". Install them (README, prerequisites under \"Run every test\") or pass -D" + SKIP_PROPERTY + "=true to skip.");
    }
  }

  /**
   * Runs {@code node <script> <args...>} in the npm project folder with {@code OFFSYNC_CHROMIUM} set, killing it
   * after the timeout.
   *
   * @param script a file name inside {@link #projectDirectory()}, e.g. {@code cors-sync.js}
   * @param timeout how long the script may take
   * @param args its arguments
   * @return what it did
   * @throws AssertionError when it timed out
   */
  public static Result run(String script, Duration timeout, String... args) {
    Objects.requireNonNull(script, "script == null");
    Objects.requireNonNull(timeout, "timeout == null");
    Path dir = projectDirectory();
    List<String> cmd = new ArrayList<>();
    cmd.add("node");
    cmd.add(dir.resolve(script).toString());
    cmd.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("offsync-browser", ".out");
      Path err = Files.createTempFile("offsync-browser", ".err");
      try {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
            .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("OFFSYNC_CHROMIUM", chromium().toString());
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
          throw new AssertionError("browser script " + script + " timed out after " + timeout + "\n--- stdout\n"
              + Files.readString(out) + "\n--- stderr\n" + Files.readString(err));
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        return new Result(p.exitValue(), lastJsonLine(stdout), stdout, Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new AssertionError("cannot run " + cmd, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running " + cmd, e);
    }
  }

  private static JsonNode lastJsonLine(String stdout) {
    String[] lines = stdout.split("\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      String l = lines[i].trim();
      if (l.startsWith("{")) {
        try {
          return JSON.readTree(l);
        } catch (IOException e) {
          // not JSON: keep looking
        }
      }
    }
    return null;
  }

  private static Path findOnPath(String exe) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String d : path.split(java.io.File.pathSeparator)) {
      Path p = Paths.get(d, exe);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }
}
